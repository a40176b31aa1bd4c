//! Every user-facing text of the workbench, in one place, so a translation
//! (Bahasa Indonesia first) can replace them later. No egui here.

use crate::store::StoreError;

pub const APP_NAME: &str = "Jalin";

// Menus.
pub const MENU_FILE: &str = "File";
pub const MENU_EDIT: &str = "Edit";
pub const MENU_CODE: &str = "Code";
pub const MENU_VIEW: &str = "View";
pub const MENU_HELP: &str = "Help";
pub const NEW_PROJECT: &str = "New project…";
pub const OPEN_PROJECT: &str = "Open project…";
pub const NEW_ENCRYPTED_PROJECT: &str = "New project, encrypted with a passphrase…";
pub const ENCRYPT_PROJECT: &str = "Encrypt with a passphrase…";
pub const CHANGE_PASSPHRASE: &str = "Change passphrase…";
pub const DECRYPT_PROJECT: &str = "Decrypt…";
pub const PASSPHRASE: &str = "Passphrase";
pub const PASSPHRASE_AGAIN: &str = "Passphrase again";
pub const PASSPHRASES_DIFFER: &str = "The two passphrases differ.";
pub const WRONG_PASSPHRASE: &str =
    "Wrong passphrase or not a Jalin project; the file was not changed. Try again.";
pub const ENCRYPT_TITLE: &str = "Encrypt this project";
pub const REKEY_TITLE: &str = "Change the passphrase";
pub const DECRYPT_TITLE: &str = "Decrypt this project";
pub const OPEN_ENCRYPTED_HINT: &str = "This project is encrypted. Type its passphrase to open it.";
pub const ENCRYPT_HINT: &str = "The project file and its log are encrypted (AES-256); without the passphrase nobody can read them, and nobody can recover them if it is lost. Copies and backups made before stay plaintext; exports are always plaintext.";
pub const REKEY_HINT: &str = "Type the new passphrase twice. The project is rewritten with it; the old one no longer opens it.";
pub const DECRYPT_HINT: &str = "Type the passphrase to confirm. The project is rewritten as a plaintext file anyone with access to it can read.";
pub const ENCRYPTED_DONE: &str = "The project is now encrypted.";
pub const REKEYED_DONE: &str = "The passphrase was changed.";
pub const DECRYPTED_DONE: &str = "The project is now plaintext (not encrypted).";
pub const PLAINTEXT_EXPORT_TITLE: &str = "plaintext, not encrypted";
pub const PLAINTEXT_EXPORT: &str = "The project is encrypted, but this export is not: keep the file as safe as the project, or write it pseudonymised.";

pub fn passphrase_to_open(path: &std::path::Path) -> String {
    format!(
        "Passphrase for {}",
        path.file_name().unwrap_or_default().to_string_lossy()
    )
}

pub fn passphrase_for_new(path: &std::path::Path) -> String {
    format!(
        "New encrypted project {}",
        path.file_name().unwrap_or_default().to_string_lossy()
    )
}
pub const RECENT: &str = "Recent projects";
pub const NO_RECENT: &str = "(none yet)";
pub const OPEN_DEMO: &str = "Open the demo study";
pub const IMPORT_FILES: &str = "Import files…";
pub const QUIT: &str = "Quit";
pub const UNDO: &str = "Undo";
pub const REDO: &str = "Redo";
pub const APPLY_SELECTED_CODE: &str = "Apply selected code";
pub const IN_VIVO: &str = "Code in vivo";
pub const QUICK_CODE_MENU: &str = "Quick code…";
pub const REMOVE_CODING: &str = "Remove selected coding";
pub const NEW_CODE: &str = "New code…";
pub const THEME_SYSTEM: &str = "Follow the system";
pub const THEME_LIGHT: &str = "Light";
pub const THEME_DARK: &str = "Dark";
pub const TEXT_BIGGER: &str = "Larger text";
pub const TEXT_SMALLER: &str = "Smaller text";
pub const TEXT_SIZE: &str = "Text size";
pub const SHORTCUTS: &str = "Keyboard shortcuts";
pub const ABOUT: &str = "About Jalin";
pub const ABOUT_TEXT: &str = "Jalin weaves interviews, focus groups, documents and field notes into one coded body of evidence. Every change is saved in the project file as you make it.";

// Panels.
pub const SOURCES: &str = "Sources";
pub const FILTER_SOURCES: &str = "Filter sources…";
pub const CODEBOOK: &str = "Codebook";
pub const QUICK_CODE_HINT: &str = "Quick code… ( / )";
pub const RETRIEVAL: &str = "Retrieval";
pub const MEMOS: &str = "Memos";
pub const DOCUMENT_TEXT: &str = "Document text";
pub const NO_SOURCE: &str = "Choose a source on the left to read and code it.";
pub const NO_PROJECT: &str = "No project is open.";
pub const NO_PROJECT_HINT: &str = "Create a project, open one, or open the demo study.";
pub const EDIT_SOURCE: &str = "Name, kind and attributes…";
pub const CORRECT_TEXT: &str = "Correct text…";
pub const CORRECT_TEXT_HINT: &str = "Select the words to correct in the document first (to insert, select a neighbouring word and retype it).";
pub const SELECTED_SOURCES_LABEL: &str = "Selected sources";
pub const CLEAR_SELECTION: &str = "Clear selection";
pub const TOGGLE_SOURCE_SELECTION: &str = "Select for editing together";
pub const MULTI_SELECT_HINT: &str = "Ctrl+click sources to select several";
pub const NEW_SUBCODE: &str = "New sub-code…";
pub const RENAME: &str = "Rename…";
pub const RECOLOR: &str = "Colour…";
pub const DESCRIBE: &str = "Description…";
pub const MOVE_TO_TOP: &str = "Move to top level";
pub const MERGE_INTO: &str = "Merge into…";
pub const DELETE: &str = "Delete…";
pub const WRITE_MEMO: &str = "Write a memo";
pub const TOP_LEVEL_DROP: &str = "Drop here for top level";
pub const ALL_KINDS: &str = "All kinds";
pub const ANY_ATTRIBUTE: &str = "Any attribute";
pub const ANY_VALUE: &str = "Any value";
pub const KIND_FILTER: &str = "Kind";
pub const ATTRIBUTE_FILTER: &str = "Attribute";
pub const VALUE_FILTER: &str = "Value";
pub const PICK_CODES: &str = "Select one or more codes in the codebook (Ctrl+click for several) to list their segments here.";
pub const CODINGS_HERE: &str = "Coded here:";
pub const CODINGS_HERE_HINT: &str = "Click coded text to list its codings here.";
pub const REMOVE: &str = "Remove";
pub const MEMO: &str = "Memo";
pub const NEW_PROJECT_MEMO: &str = "New project memo";
pub const NEW_SOURCE_MEMO: &str = "New memo on this source";
pub const NEW_CODE_MEMO: &str = "New memo on the selected code";
pub const NEW_CODING_MEMO: &str = "New memo on the selected coding";
pub const MEMO_TITLE: &str = "Memo title";
pub const MEMO_TEXT: &str = "Memo text";
pub const DELETE_MEMO: &str = "Delete memo";
pub const NO_MEMO_SELECTED: &str = "Choose a memo to read or edit it.";
pub const SAVING: &str = "Saving…";
pub const ON_PROJECT: &str = "Project";
pub const UNTITLED: &str = "(untitled)";

// Dialogs.
pub const OK: &str = "OK";
pub const CANCEL: &str = "Cancel";
pub const CLOSE: &str = "Close";
pub const CODE_NAME: &str = "Code name";
pub const CODE_DESCRIPTION: &str = "Code description";
pub const CODE_COLOR: &str = "Code colour";
pub const MERGE_TARGET: &str = "Merge into code";
pub const SOURCE_KIND: &str = "Source kind";
pub const SOURCE_NAME: &str = "Source name";
pub const KEEP_KIND: &str = "(keep each source's kind)";
pub const SET_ATTRIBUTES: &str = "Set these attributes on every selected source:";
pub const UNSET_ATTRIBUTES: &str = "Remove these attributes (names, comma-separated):";
pub const ATTRIBUTES_TO_REMOVE: &str = "Attributes to remove";
pub const TEXT_BEFORE: &str = "Text now";
pub const TEXT_AFTER: &str = "Corrected text";
pub const ATTRIBUTE_KEY: &str = "Attribute name";
pub const ATTRIBUTE_VALUE: &str = "Attribute value";
pub const ADD_ATTRIBUTE: &str = "Add attribute";
pub const REMOVE_ATTRIBUTE: &str = "Remove attribute";
pub const ERROR_TITLE: &str = "Something went wrong";
pub const IMPORTING: &str = "Importing…";
pub const IMPORT_DONE: &str = "Import finished";
pub const IMPORT_CANCELLED: &str = "Import cancelled";
pub const BUILTIN_FILE_DIALOG: &str = "The system file dialog did not open, so Jalin shows its own (set JALIN_FILE_DIALOG=native to keep asking the system).";
pub const DIALOG_FAILED: &str =
    "No file dialog could be opened on this system. Drop files on the window to import them.";
pub const SHORTCUT_LIST: &[(&str, &str)] = &[
    (
        "1 … 9",
        "Apply the code with that number to the selected text",
    ),
    (
        "/",
        "Jump to the quick-code box (type to filter, Enter applies, a new name creates the code)",
    ),
    (
        "Ctrl+I",
        "Code in vivo: a new code named after the selected words",
    ),
    ("Delete", "Remove the selected coding"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    (
        "Shift+arrows",
        "Extend the selection in the document (Ctrl for whole words)",
    ),
    ("Ctrl+C", "Copy the selected text"),
    ("Esc", "Clear the selection"),
    ("Ctrl+Plus / Ctrl+Minus", "Larger / smaller transcript text"),
    ("Ctrl+O / Ctrl+N", "Open / new project"),
];

// Undo labels.
pub const ACT_APPLY: &str = "apply code";
pub const ACT_IN_VIVO: &str = "code in vivo";
pub const ACT_NEW_CODE: &str = "new code";
pub const ACT_REMOVE_CODING: &str = "remove coding";
pub const ACT_DELETE_CODE: &str = "delete code";
pub const ACT_RENAME_CODE: &str = "rename code";
pub const ACT_RECOLOR: &str = "change colour";
pub const ACT_DESCRIBE: &str = "describe code";
pub const ACT_MOVE_CODE: &str = "move code";
pub const ACT_MERGE: &str = "merge codes";
pub const ACT_EDIT_SOURCE: &str = "edit source";
pub const ACT_CORRECT_TEXT: &str = "correct text";
pub const ACT_NEW_MEMO: &str = "new memo";
pub const ACT_EDIT_MEMO: &str = "edit memo";
pub const ACT_DELETE_MEMO: &str = "delete memo";
pub const ACT_REMOVE_SOURCE: &str = "remove source";
pub const REMOVE_SOURCE: &str = "Remove source…";
pub const REMOVE_SOURCE_TITLE: &str = "Remove source";

/// The bulk editor's button and heading for `n` sources.
pub fn edit_sources(n: usize) -> String {
    format!("Edit {n} sources…")
}

/// The undo label of a bulk edit.
pub fn act_edit_sources(n: usize) -> String {
    format!("edit {n} sources")
}

/// What a text correction does to the codings it touches.
pub fn correction_effect(start: usize, end: usize, touching: usize) -> String {
    format!(
        "Characters {start}..{end}. Codings after the correction move with their words; \
         {touching} coding(s) overlap the selection and will cover the corrected text \
         (a coding wholly inside it is removed if the correction is empty). \
         One undo puts everything back."
    )
}

pub fn undone(label: &str) -> String {
    format!("undo {label}")
}

pub fn redone(label: &str) -> String {
    format!("redo {label}")
}

pub fn not_saved(action: &str) -> String {
    format!("Not saved: {action}.")
}

pub fn saved(action: &str) -> String {
    format!("Saved: {action}")
}

pub fn undo_item(label: Option<&str>) -> String {
    label.map_or_else(|| UNDO.to_string(), |l| format!("{UNDO} {l}"))
}

pub fn redo_item(label: Option<&str>) -> String {
    label.map_or_else(|| REDO.to_string(), |l| format!("{REDO} {l}"))
}

pub fn apply_named(code: &str) -> String {
    format!("{ACT_APPLY} ‘{code}’")
}

pub fn status_counts(codings: usize, coder: &str) -> String {
    format!("{codings} codings · coder: {coder}")
}

pub fn delete_code_question(name: &str, codes: usize, codings: usize, memos: usize) -> String {
    let mut s = format!("Delete the code ‘{name}’");
    if codes > 1 {
        s += &format!(" and its {} sub-codes", codes - 1);
    }
    s += &format!(
        "? {codings} coding{} and {memos} memo{} go with it. You can undo this.",
        plural(codings),
        plural(memos)
    );
    s
}

/// The question before removing a source: what goes with it, and when it
/// is gone for good.
pub fn remove_source_question(name: &str, chars: usize, codings: usize, memos: usize) -> String {
    format!(
        "Remove the source ‘{name}’? Its text ({chars} character{}), its speaker turns and \
         attributes, {codings} coding{} (by every coder) and {memos} memo{} go with it. You can \
         undo this until you close the project; then the text is erased from the project file.",
        plural(chars),
        plural(codings),
        plural(memos)
    )
}

/// The button that removes a source.
pub fn remove_source_button(codings: usize) -> String {
    format!("Remove source and {codings} coding{}", plural(codings))
}

pub fn delete_button(codings: usize) -> String {
    format!("Delete code and {codings} coding{}", plural(codings))
}

pub fn merge_question(from: &str) -> String {
    format!(
        "Merge ‘{from}’ into another code: its codings, sub-codes and memos move there and ‘{from}’ goes. You can undo this."
    )
}

pub fn segments_heading(codes: &str, n: usize) -> String {
    format!("{codes}: {n} segment{}", plural(n))
}

pub fn quick_code_applies(name: &str) -> String {
    format!("Enter applies ‘{name}’ · Shift+Enter creates a new code")
}

pub fn quick_code_creates(name: &str) -> String {
    format!("Enter creates the code ‘{name}’ and applies it")
}

pub const SELECT_TEXT_FIRST: &str = "Select some text in the document first.";

pub fn import_progress(done: usize, total: usize) -> String {
    format!("Importing {done} of {total} files…")
}

pub fn import_summary(added: usize, duplicates: usize, failed: usize, skipped: usize) -> String {
    let mut s = format!("{added} added, {duplicates} already in the project, {failed} failed");
    if skipped > 0 {
        s.push_str(&format!(", {skipped} skipped (listed below)"));
    }
    s
}

/// The undo step of one imported file.
pub fn import_action(source: &str) -> String {
    format!("Import ‘{source}’")
}

/// The undo step of an imported codebook.
pub fn import_codebook_action(file: &str) -> String {
    format!("Import codebook ‘{file}’")
}

pub const LONG_TEXTS_CUT: &str =
    "Long texts are cut in this preview of a very large table; exports hold them whole.";

pub fn import_duplicate(existing: &str) -> String {
    format!("same text as ‘{existing}’; skipped")
}

pub fn window_title(project: Option<&str>) -> String {
    match project {
        Some(p) => format!("{p} — {APP_NAME}"),
        None => APP_NAME.to_string(),
    }
}

pub fn cannot_open(e: &StoreError) -> String {
    format!("Cannot open the project: {}", store_error(e))
}

pub fn cannot_create(e: &StoreError) -> String {
    format!("Cannot create the project: {}", store_error(e))
}

pub fn demo_failed(e: &str) -> String {
    format!("Cannot set up the demo study: {e}")
}

pub fn not_reopened(path: &std::path::Path) -> String {
    format!(
        "The last project was not reopened: Jalin stopped while opening or showing it last time. \
         Open it from Recent projects in the File menu to try again: {}",
        path.display()
    )
}

pub fn settings_not_saved(e: &std::io::Error) -> String {
    format!("Your preferences could not be saved ({e}).")
}

/// A code the user acted on was deleted by another window or command.
pub fn code_deleted_outside(name: &str) -> String {
    format!(
        "The code '{name}' was deleted outside this window (by another Jalin window or a jalin command); nothing was changed."
    )
}

/// A source the user acted on was deleted by another window or command.
pub fn source_deleted_outside(name: &str) -> String {
    format!(
        "The source '{name}' was deleted outside this window (by another Jalin window or a jalin command); nothing was changed."
    )
}

/// A store error in plain words: the file cannot be written, is locked, the
/// disk is full; otherwise the error's own message.
pub fn store_error(e: &StoreError) -> String {
    use rusqlite::ErrorCode;
    if let StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) = e {
        return match f.code {
            ErrorCode::ReadOnly => "the project file cannot be written (it is read-only). The change was not saved.".into(),
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => "the project file is locked by another program (another Jalin?). The change was not saved; close the other program and try again.".into(),
            ErrorCode::DiskFull => "the disk is full. The change was not saved; free some space and try again.".into(),
            ErrorCode::CannotOpen | ErrorCode::SystemIoFailure => "the project file cannot be written (input/output error). The change was not saved.".into(),
            _ => e.to_string(),
        };
    }
    e.to_string()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

// Reports panel.
pub const MENU_REPORTS: &str = "Reports";
pub const REPORTS: &str = "Reports";
pub const REVIEW: &str = "Review";
pub const OPEN_REPORTS: &str = "Reports panel";
pub const OPEN_REVIEW: &str = "FGD review board";
pub const TABLES: &str = "Tables";
pub const FIGURES: &str = "Figures";
pub const REPORT_FREQUENCIES: &str = "Frequencies";
pub const REPORT_TRIANGULATION: &str = "Triangulation matrix";
pub const REPORT_COOCCURRENCE: &str = "Co-occurrence";
pub const REPORT_MATRIX: &str = "Code × source matrix";
pub const REPORT_QUOTES: &str = "Quotes";
pub const REPORT_AGREEMENT: &str = "Agreement";
pub const AGREEMENT_UNIT: &str = "Agreement unit";
pub const AGREEMENT_CODERS: &str = "Coders to compare";
pub const AGREEMENT_NEEDS_CODERS: &str =
    "Agreement compares coders: tick at least two under Coders to compare.";
pub const FIGURE_BARS: &str = "Frequency bar chart";
pub const FIGURE_HEATMAP: &str = "Heatmap";
pub const FIGURE_CONCEPT_MAP: &str = "Concept map";
pub const FILTERS: &str = "Filters";
pub const OPTIONS: &str = "Options";
pub const KINDS: &str = "Source kinds";
pub const CODERS: &str = "Coders";
pub const CODES_FILTER: &str = "Codes";
pub const ALL_CODES: &str = "All codes";
pub const GROUP_BY: &str = "Group by";
pub const NO_SPLIT: &str = "No split";
pub const OFFER_PAIRS: &str = "Offer pairs of attributes";
pub const CELLS_COMBINED: &str = "Cells as “7 of 10 (70%)”";
pub const SORT_BY_FREQUENCY: &str = "Sort codes by frequency";
pub const QUOTE_COLUMNS: &str = "Columns";
pub const ALL_COLUMNS: &str = "all, or e.g. code, attribution, quote";
pub const EXPORT_OPTIONS: &str = "Export options";
pub const LATEX_LANDSCAPE: &str = "LaTeX: landscape pages";
pub const LATEX_STANDALONE: &str = "LaTeX: complete document";
pub const CSV_BOM: &str = "CSV: byte order mark (Excel)";
pub const BY_KIND: &str = "Source kind";
pub const CO_UNIT: &str = "Co-occurrence unit";
pub const UNIT_OVERLAP: &str = "overlapping codings";
pub const UNIT_TURN: &str = "same speaker turn";
pub const UNIT_PARAGRAPH: &str = "same paragraph";
pub const JACCARD: &str = "Show similarity (Jaccard / c-coefficient)";
pub const PRESENCE: &str = "0/1 presence instead of counts";
pub const CITE: &str = "Cite attributes";
pub const EXEMPLARS_ONLY: &str = "Exemplars only";
pub const EXPORT: &str = "Export…";
pub const HEATMAP_NEEDS_ATTRIBUTE: &str = "The heatmap splits codes by an attribute: give your sources one (e.g. city) and choose it under Group by.";
pub const NOTHING_TO_SHOW: &str = "Nothing to show: no coding passes these filters.";
pub const CLEAR_FILTERS: &str = "Clear filters";
pub const FIGURE_SVG: &str = "SVG image";
pub const FIGURE_PNG: &str = "PNG image";
pub const FIGURE_DOT: &str = "Graphviz DOT";
pub const EXEMPLAR: &str = "Exemplar";
pub const ACT_EXEMPLAR: &str = "mark exemplar";
pub const ACT_UNEXEMPLAR: &str = "unmark exemplar";

/// A table format as the Export menu names it.
pub fn table_format_label(format: crate::export::TableFormat) -> &'static str {
    use crate::export::TableFormat as F;
    match format {
        F::Csv => "CSV (tidy, one observation per row)",
        F::CsvWide => "CSV (wide, as shown)",
        F::Xlsx => "Excel workbook (.xlsx)",
        F::Markdown => "Markdown",
        F::Latex => "LaTeX (booktabs)",
        F::Html => "HTML",
        F::Docx => "Word table (.docx)",
    }
}

/// After an export.
pub fn wrote(path: &std::path::Path) -> String {
    format!("Wrote {}", path.display())
}

/// "Group by" choices for attributes.
pub fn by_attribute(key: &str) -> String {
    format!("attribute: {key}")
}

pub fn by_pair(a: &str, b: &str) -> String {
    format!("attributes: {a} × {b}")
}

/// Above a table preview.
pub fn table_size(rows: usize, columns: usize) -> String {
    format!("{rows} rows × {columns} columns")
}

// Review board.
pub const SESSION: &str = "Session";
pub const DEFAULT_SESSION: &str = "FGD review";
pub const ADD_THEME: &str = "Add theme";
pub const REMOVE_THEME: &str = "Remove from board";
pub const THEME_NOTE: &str = "Note";
pub const THEME_NOTE_HINT: &str = "What the group said (saved when you leave the field)";
pub const EXPORT_SHEET: &str = "Export sheet…";
pub const SHEET_DOCX: &str = "Review sheet (Word .docx)";
pub const SHEET_MD: &str = "Review sheet (Markdown)";
pub const EXEMPLAR_QUOTES: &str = "Exemplar quotes";
pub const ALL_SEGMENTS: &str = "All segments";
pub const BOARD_EMPTY: &str = "No theme is on this board yet: add one, or code some text first.";
pub const BOARD_DEFAULT_HINT: &str =
    "Every coded theme is listed, pending. Setting a status stores the board for this session.";
pub const BOARD_STORED_HINT: &str =
    "The board is stored for this session; add themes with “Add theme”, remove them here.";
pub const ACT_REVIEW: &str = "set review status";
pub const ACT_REMOVE_THEME: &str = "remove theme from board";
pub const ACT_ADD_THEME: &str = "add theme to board";

/// "12 codings in 5 sources".
pub fn theme_counts(codings: usize, sources: usize) -> String {
    format!("{codings} codings in {sources} sources")
}

/// A review status as a button names it.
pub fn review_status(status: crate::model::ReviewStatus) -> &'static str {
    use crate::model::ReviewStatus as S;
    match status {
        S::Pending => "Pending",
        S::Confirmed => "Confirmed",
        S::Disputed => "Disputed",
        S::Revised => "Revised",
    }
}

// Import and exchange.
pub const IMPORT_FOLDER: &str = "Import folder…";
pub const IMPORT_QDPX: &str = "Import REFI-QDA project (.qdpx)…";
pub const EXPORT_QDPX: &str = "Export REFI-QDA project (.qdpx)…";
pub const EXPORT_QDPX_PSEUDONYMISED: &str = "Export REFI-QDA project, pseudonymised (.qdpx)…";
pub const EXPORT_QDPX_PSEUDONYMISED_HINT: &str = "Every real name of the pseudonym table replaced: in the texts (codings move with them), source names, speakers, attributes, codes and memos. The project is not changed.";
pub const NO_PSEUDONYMS_QDPX: &str = "The project has no pseudonyms yet, so nothing could be replaced and nothing was written: add them in the Pseudonyms tab (or accept its suggestions) first.";
pub const IMPORT_QDC: &str = "Import codebook (.qdc)…";
pub const EXPORT_QDC: &str = "Export codebook (.qdc)…";
pub const SAVE_COPY: &str = "Save a copy…";
pub const MERGE_PROJECT: &str = "Merge project…";
pub const MERGE_PROJECT_HINT: &str = "Add what other project files (.jalin, or .qdpx from another tool) hold that this one does not; shows a preview first";
pub const MERGE_PREVIEW: &str = "Merge preview";
pub const MERGE_REPORT: &str = "Merge report";
pub const MERGE: &str = "Merge";
pub const MERGE_NOTHING: &str =
    "Nothing to merge: everything in these files is already in the project.";

/// The undo label of a merge.
pub fn merge_action(files: &[std::path::PathBuf]) -> String {
    match files {
        [one] => format!(
            "Merge ‘{}’",
            one.file_name().unwrap_or_default().to_string_lossy()
        ),
        many => format!("Merge {} projects", many.len()),
    }
}
pub const SAVE_COPY_HINT: &str = "Write a complete copy of this project to a new file, including the most recent changes (safe while it is open; the project stays open here)";
pub const CSV_COLUMNS: &str = "Columns of the CSV transcript";
pub const CSV_COLUMNS_HINT: &str =
    "Jalin guessed the columns from their names; change them if they are wrong.";
pub const SPEAKER_COLUMN: &str = "Speaker column";
pub const TEXT_COLUMN: &str = "Text column";
pub const TIME_COLUMN: &str = "Time column";
pub const TAGS_COLUMN: &str = "Tags column";
pub const NO_COLUMN: &str = "(none)";
pub const IMPORT: &str = "Import";
pub const QDPX_IMPORTING: &str = "Importing the REFI-QDA project…";
pub const LOSS_REPORT: &str = "What was imported";
pub const COPY: &str = "Copy";
pub const SAVE_NEW_PROJECT: &str = "Save the imported project as";
pub const TEXT_COLUMN_NEEDED: &str = "Choose the column that holds the words.";

/// After the codebook import.
pub fn qdc_imported(codes: usize) -> String {
    format!("{codes} new codes imported")
}

/// After a REFI-QDA import.
pub fn qdpx_imported(file: &std::path::Path, project: &std::path::Path) -> String {
    format!("created {} from {}", project.display(), file.display())
}

/// A file in an imported folder that Jalin cannot read.
pub fn import_skipped(skipped: &crate::import::Skipped) -> String {
    skipped.to_string()
}
pub const WITH_SUB_CODES: &str = "Codings of this code and its sub-codes";

// The speaker menu (right-click a speaker label in the document).
pub const SPEAKER_MENU: &str = "Speaker";
pub const ROLE_AUTO: &str = "Found from the label";
pub const PARTICIPANT_ATTRIBUTE: &str = "Participant attribute";
pub const PARTICIPANT_VALUE: &str = "Value";
pub const SET_PARTICIPANT_ATTRIBUTE: &str = "Set attribute";
pub const ACT_SPEAKER_ROLE: &str = "set speaker role";
pub const ACT_SPEAKER_ATTRIBUTE: &str = "set participant attribute";

/// The speaker menu's title: whose role in which source.
pub fn speaker_menu_title(speaker: &str) -> String {
    format!("{SPEAKER_MENU} “{speaker}” in this source")
}

// The import report's speakers and the speakers dialog it opens.
pub const IMPORTED_SOURCES: &str = "Sources added and the speakers found";
pub const SPEAKERS_HINT: &str = "Only respondents count in “% of respondents”. A label that is not a speaker (a header line): set it to Other.";
pub const BACK_TO_REPORT: &str = "Back to the import report";
pub const OPEN_SOURCE: &str = "Show the source";
pub const NO_SPEAKERS: &str = "No speaker turns were found in this source.";
pub const KEEP_ENTITIES: &str = "Keep HTML entities (&amp;, &#8212;) as written";

/// A note on one imported source.
pub fn import_note(source: &str, note: &str) -> String {
    format!("{source}: note: {note}")
}

/// The import report's line for one source: its kind and speakers.
pub fn imported_source(kind: &str, speakers: &str) -> String {
    format!("{kind}; speakers: {speakers}")
}

/// The button that opens a source's speakers from the import report, and
/// that dialog's title.
pub fn speakers_of(source: &str) -> String {
    format!("Speakers of ‘{source}’…")
}

/// The speakers dialog's title.
pub fn speakers_title(source: &str) -> String {
    format!("Speakers of ‘{source}’")
}

/// The source's kind in the speakers dialog.
pub fn source_kind_is(kind: &str) -> String {
    format!("Kind: {kind}")
}

/// A speaker's turns, in the speakers dialog.
pub fn turn_count(n: usize) -> String {
    if n == 1 {
        "1 turn".into()
    } else {
        format!("{n} turns")
    }
}

/// The role box of one speaker (its accessible name).
pub fn role_of(speaker: &str) -> String {
    format!("Role of {speaker}")
}

/// The role chosen when none is set: the one found from the label.
pub fn role_found(role: &str) -> String {
    format!("{ROLE_AUTO} ({role})")
}

/// The button that removes one participant attribute.
pub fn remove_participant_attribute(key: &str, value: &str) -> String {
    format!("Remove {key}={value}")
}

// Coders and blind coding.
pub const MENU_CODER: &str = "Coder";
pub const CODERS_DIALOG: &str = "Coders";
pub const NEW_CODER: &str = "New coder…";
pub const EDIT_CODERS: &str = "Edit coders…";
pub const CODER_NAME: &str = "Coder name";
pub const ADD_CODER: &str = "Add coder";
pub const RENAME_CODER: &str = "Rename coder";
pub const CODER_COLOR: &str = "Coder colour";
pub const BLIND_MODE: &str = "Blind coding";
pub const BLIND_ON: &str = "blind";
pub const CONSENSUS_ONLY: &str = "Consensus only";
pub const ACT_SET_BLIND: &str = "blind coding";

pub fn add_coder(name: &str) -> String {
    format!("add coder ‘{}’", name.trim())
}

pub fn rename_coder(old: &str) -> String {
    format!("rename coder ‘{old}’")
}

pub fn recolor_coder(name: &str) -> String {
    format!("colour of coder ‘{name}’")
}

pub fn switch_to_coder(name: &str) -> String {
    format!("Code as {name}")
}

pub fn coder_exists(name: &str) -> String {
    format!("‘{name}’ is already a coder: OK codes as them.")
}

pub fn edit_coder(name: &str) -> String {
    format!("edit coder ‘{name}’")
}

pub fn coder_button(name: &str) -> String {
    format!("coder: {name}")
}

pub fn codings_count(n: usize) -> String {
    format!("{n} codings")
}

pub const BLIND_HINT: &str = "Blind coding: each coder sees only their own codings (document, counts, retrieval, reports) until the project lead turns it off.";
pub const SWITCH_CODER_HINT: &str = "Who is coding: switch coder, add or edit coders, blind coding";
pub const BLIND_REPORTS: &str = "Blind coding is on: reports count only your codings.";
pub const BLIND_AGREEMENT: &str = "Blind coding is on: agreement compares coders, so it waits until the project lead turns blind coding off.";
pub const CONSENSUS_HINT: &str = "Only the codings the team agreed (by the coder ‘consensus’)";

// The disagreement review.
pub const DISAGREEMENTS: &str = "Disagreements";
pub const OPEN_DISAGREEMENTS: &str = "Disagreements…";
pub const DISAGREE_BLIND: &str = "Blind coding is on: coders cannot see each other's codings. The project lead turns it off (File ▸ Coder ▸ Blind coding) before the review.";
pub const DISAGREE_NEED_TWO: &str =
    "Two coders are needed: the project has fewer than two coders (besides ‘consensus’).";
pub const CODER_A: &str = "Coder A";
pub const CODER_B: &str = "Coder B";
pub const MATCH_AT: &str = "match at overlap ≥";
pub const EXPORT_MARKDOWN: &str = "Export Markdown…";
pub const EXPORT_DOCX: &str = "Export DOCX…";
pub const NOT_CODED: &str = "(not coded)";
pub const TAKE_BOTH: &str = "Both";
pub const TAKE_NEITHER: &str = "Neither";
pub const EDIT_RANGE: &str = "or range";
pub const USE_RANGE: &str = "Use range";
pub const PREVIOUS_PAGE: &str = "◀ Previous";
pub const NEXT_PAGE: &str = "Next ▶";

/// "Items 51–100 of 2,345" above a long list of disagreements.
pub fn items_shown(from: usize, to: usize, total: usize) -> String {
    format!("Items {from}–{to} of {total}")
}
pub const DECIDED_NEITHER: &str = "decided: neither";
pub const ACT_DECIDE: &str = "consensus decision";

pub fn reviewed(done: usize, total: usize) -> String {
    format!("Reviewed {done} of {total}")
}

pub fn matched(agreed: usize, sources: usize) -> String {
    format!("{agreed} segments match, on {sources} sources both coded")
}

pub fn only_coder(name: &str) -> String {
    format!("only {name}")
}

pub fn little_overlap(percent: f64) -> String {
    format!("overlap {}%", crate::analysis::round_half_up(percent, 0))
}

pub fn decision_label(label: &str) -> String {
    if label == "open" {
        "open".to_string()
    } else {
        format!("decided: {label}")
    }
}

pub fn take(name: &str) -> String {
    format!("Take {name}")
}

// Pseudonyms.
pub const PSEUDONYMS: &str = "Pseudonyms";
pub const OPEN_PSEUDONYMS: &str = "Pseudonyms…";
pub const PSEUDONYMISE: &str = "Pseudonymise";
pub const PSEUDONYMISE_HINT: &str = "Replace every real name of the pseudonym table in this preview and in every export made from it (the project is not changed)";
pub const NO_PSEUDONYMS: &str = "The project has no pseudonyms yet: add them in the Pseudonyms tab (or accept its suggestions), so there is something to replace.";
pub const SHOW_PSEUDONYMISED: &str = "Show pseudonymised";
pub const SHOW_PSEUDONYMISED_HINT: &str = "Show the document and retrieval quotes with every real name replaced (for sharing the screen); coding waits until it is off";
pub const PSEUDONYMISED_VIEW: &str =
    "Pseudonymised view: read-only; untick Show pseudonymised in the View menu to code.";
pub const PSEUDONYM_REAL: &str = "Real name";
pub const PSEUDONYM_NAME: &str = "Pseudonym";
pub const PSEUDONYM_KIND: &str = "Kind";
pub const PSEUDONYM_ADD: &str = "Add pseudonym";
pub const PSEUDONYM_SAVE: &str = "Save pseudonym";
pub const PSEUDONYM_CANCEL: &str = "Cancel edit";
pub const PSEUDONYM_SUGGEST: &str = "Suggest names";
pub const PSEUDONYM_ACCEPT_ALL: &str = "Accept all suggestions";
pub const PSEUDONYM_NONE: &str = "No pseudonyms yet. Add real names and what outputs show instead, or let the project suggest them.";
pub const PSEUDONYM_NO_SUGGESTIONS: &str = "Nothing to suggest: every name found is in the table.";
pub const ACT_PSEUDONYM: &str = "pseudonym";
pub const ACT_PSEUDONYMS: &str = "pseudonyms";

pub fn edit_pseudonym(real: &str) -> String {
    format!("Edit {real}")
}

pub fn remove_pseudonym(real: &str) -> String {
    format!("Remove {real}")
}

pub fn accept_suggestion(real: &str) -> String {
    format!("Accept {real}")
}

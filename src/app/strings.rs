//! Every text of the workbench a person reads, in one place: the panels
//! take their words from here, never from literals. The words themselves
//! are Fluent messages in `assets/i18n/LANG/ui.ftl` (shared words in
//! `common.ftl`), in the language chosen with [`crate::i18n`]; a word asked
//! for after View ▸ Language changes comes in the new language at once.
//! No egui here.

use std::sync::OnceLock;

use crate::i18n;
use crate::store::StoreError;
use crate::t;

/// The program's name (the same in every language; also the window
/// system's application name, which must not change).
pub const APP_NAME: &str = "Jalin";

/// A fixed workbench word: its text in each language, looked up once.
struct Word([OnceLock<String>; 2]);

impl Word {
    const fn new() -> Word {
        Word([OnceLock::new(), OnceLock::new()])
    }

    fn get(&'static self, key: &'static str) -> &'static str {
        let lang = i18n::current();
        self.0[lang as usize].get_or_init(|| i18n::tr_in(lang, key, &[]))
    }
}

/// `word!(name, "key")`: `pub fn name() -> &'static str`, the message `key`
/// in the current language.
macro_rules! word {
    ($name:ident, $key:literal) => {
        #[doc = concat!("The workbench's words `", $key, "` in the current language.")]
        pub fn $name() -> &'static str {
            static WORD: Word = Word::new();
            WORD.get($key)
        }
    };
}

// Menus.
word!(new_encrypted_project, "ui-new-encrypted-project");
word!(encrypt_project, "ui-encrypt-project");
word!(change_passphrase, "ui-change-passphrase");
word!(decrypt_project, "ui-decrypt-project");
word!(passphrase, "ui-passphrase");
word!(passphrase_again, "ui-passphrase-again");
word!(passphrases_differ, "ui-passphrases-differ");
word!(wrong_passphrase, "ui-wrong-passphrase");
word!(encrypt_title, "ui-encrypt-title");
word!(rekey_title, "ui-rekey-title");
word!(decrypt_title, "ui-decrypt-title");
word!(open_encrypted_hint, "ui-open-encrypted-hint");
word!(encrypt_hint, "ui-encrypt-hint");
word!(rekey_hint, "ui-rekey-hint");
word!(decrypt_hint, "ui-decrypt-hint");
word!(encrypted_done, "ui-encrypted-done");
word!(rekeyed_done, "ui-rekeyed-done");
word!(decrypted_done, "ui-decrypted-done");
word!(plaintext_export_title, "ui-plaintext-export-title");
word!(plaintext_export, "ui-plaintext-export");

pub fn passphrase_to_open(path: &std::path::Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    t!("ui-passphrase-to-open", name = name.as_ref())
}

pub fn passphrase_for_new(path: &std::path::Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    t!("ui-passphrase-for-new", name = name.as_ref())
}
word!(open_team_project, "ui-open-team-project");
word!(open_team_title, "ui-open-team-title");
word!(open_team_hint, "ui-open-team-hint");
word!(team_server, "ui-team-server");
word!(team_port, "ui-team-port");
word!(team_database, "ui-team-database");
word!(team_project, "ui-team-project");
word!(team_user, "ui-team-user");
word!(team_password, "ui-team-password");
word!(team_password_hint, "ui-team-password-hint");

/// The team dialog's port is no number: "'x' is not a port number".
pub fn team_bad_port(port: &str) -> String {
    t!("ui-team-bad-port", port = port)
}

/// A field of the team dialog left empty, named by its label.
pub fn team_field_empty(field: &str) -> String {
    t!("ui-team-field-empty", field = field)
}
word!(menu_file, "ui-menu-file");
word!(menu_edit, "ui-menu-edit");
word!(menu_code, "ui-menu-code");
word!(menu_view, "ui-menu-view");
word!(menu_help, "ui-menu-help");
word!(new_project, "ui-new-project");
word!(open_project, "ui-open-project");
word!(recent, "ui-recent");
word!(no_recent, "ui-no-recent");
word!(open_demo, "ui-open-demo");
word!(import_files, "ui-import-files");
word!(quit, "ui-quit");
word!(undo, "ui-undo");
word!(redo, "ui-redo");
word!(apply_selected_code, "ui-apply-selected-code");
word!(in_vivo, "ui-in-vivo");
word!(quick_code_menu, "ui-quick-code-menu");
word!(remove_coding, "ui-remove-coding");
word!(new_code, "ui-new-code");
word!(theme_system, "ui-theme-system");
word!(theme_light, "ui-theme-light");
word!(theme_dark, "ui-theme-dark");
word!(text_bigger, "ui-text-bigger");
word!(text_smaller, "ui-text-smaller");
word!(text_size, "ui-text-size");
word!(shortcuts, "ui-shortcuts");
word!(about, "ui-about");
word!(about_text, "ui-about-text");

// Panels.
word!(sources, "ui-sources");
word!(filter_sources, "ui-filter-sources");
word!(codebook, "ui-codebook");
word!(quick_code_hint, "ui-quick-code-hint");
word!(retrieval, "ui-retrieval");
word!(memos, "ui-memos");
word!(document_text, "ui-document-text");
word!(no_source, "ui-no-source");
word!(no_project, "ui-no-project");
word!(no_project_hint, "ui-no-project-hint");
word!(edit_source, "ui-edit-source");
word!(correct_text, "ui-correct-text");
word!(correct_text_hint, "ui-correct-text-hint");
word!(selected_sources_label, "ui-selected-sources-label");
word!(clear_selection, "ui-clear-selection");
word!(toggle_source_selection, "ui-toggle-source-selection");
/// `ui-multi-select-hint`, naming the platform's command key (`key`: "Ctrl", "Cmd").
pub fn multi_select_hint(key: &str) -> String {
    t!("ui-multi-select-hint", key = key)
}
word!(new_subcode, "ui-new-subcode");
word!(rename, "ui-rename");
word!(recolor, "ui-recolor");
word!(describe, "ui-describe");
word!(move_to_top, "ui-move-to-top");
word!(merge_into, "ui-merge-into");
word!(delete, "ui-delete");
word!(write_memo, "ui-write-memo");
word!(top_level_drop, "ui-top-level-drop");
word!(all_kinds, "ui-all-kinds");
word!(any_attribute, "ui-any-attribute");
word!(any_value, "ui-any-value");
word!(kind_filter, "ui-kind-filter");
word!(attribute_filter, "ui-attribute-filter");
word!(value_filter, "ui-value-filter");
/// `ui-pick-codes`, naming the platform's command key (`key`: "Ctrl", "Cmd").
pub fn pick_codes(key: &str) -> String {
    t!("ui-pick-codes", key = key)
}
word!(codings_here, "ui-codings-here");
word!(codings_here_hint, "ui-codings-here-hint");
word!(remove, "ui-remove");
word!(memo, "ui-memo");
word!(new_project_memo, "ui-new-project-memo");
word!(new_source_memo, "ui-new-source-memo");
word!(new_code_memo, "ui-new-code-memo");
word!(new_coding_memo, "ui-new-coding-memo");
word!(memo_title, "ui-memo-title");
word!(memo_text, "ui-memo-text");
word!(delete_memo, "ui-delete-memo");
word!(no_memo_selected, "ui-no-memo-selected");
word!(saving, "ui-saving");
word!(on_project, "ui-on-project");
word!(untitled, "ui-untitled");

// Dialogs.
word!(ok, "ui-ok");
word!(cancel, "ui-cancel");
word!(close, "ui-close");
word!(code_name, "ui-code-name");
word!(code_description, "ui-code-description");
word!(code_color, "ui-code-color");
word!(merge_target, "ui-merge-target");
word!(source_kind, "ui-source-kind");
word!(source_name, "ui-source-name");
word!(keep_kind, "ui-keep-kind");
word!(set_attributes, "ui-set-attributes");
word!(unset_attributes, "ui-unset-attributes");
word!(attributes_to_remove, "ui-attributes-to-remove");
word!(text_before, "ui-text-before");
word!(text_after, "ui-text-after");
word!(attribute_key, "ui-attribute-key");
word!(attribute_value, "ui-attribute-value");
word!(add_attribute, "ui-add-attribute");
word!(remove_attribute, "ui-remove-attribute");
word!(error_title, "ui-error-title");
word!(importing, "ui-importing");
word!(import_done, "ui-import-done");
word!(import_cancelled, "ui-import-cancelled");
word!(builtin_file_dialog, "ui-builtin-file-dialog");
word!(dialog_failed, "ui-dialog-failed");
word!(shortcut_number, "ui-shortcut-number");
word!(shortcut_quick_code, "ui-shortcut-quick-code");
word!(shortcut_in_vivo, "ui-shortcut-in-vivo");
word!(shortcut_remove, "ui-shortcut-remove");
/// `ui-shortcut-extend`, naming the platform's command key (`key`: "Ctrl", "Cmd").
pub fn shortcut_extend(key: &str) -> String {
    t!("ui-shortcut-extend", key = key)
}
word!(shortcut_copy, "ui-shortcut-copy");
word!(shortcut_clear, "ui-shortcut-clear");
word!(shortcut_text_size, "ui-shortcut-text-size");
word!(shortcut_open_new, "ui-shortcut-open-new");

// Undo labels.
word!(act_apply, "ui-act-apply");
word!(act_in_vivo, "ui-act-in-vivo");
word!(act_new_code, "ui-act-new-code");
word!(act_remove_coding, "ui-act-remove-coding");
word!(act_delete_code, "ui-act-delete-code");
word!(act_rename_code, "ui-act-rename-code");
word!(act_recolor, "ui-act-recolor");
word!(act_describe, "ui-act-describe");
word!(act_move_code, "ui-act-move-code");
word!(act_merge, "ui-act-merge");
word!(act_edit_source, "ui-act-edit-source");
word!(act_correct_text, "ui-act-correct-text");
word!(act_new_memo, "ui-act-new-memo");
word!(act_edit_memo, "ui-act-edit-memo");
word!(act_delete_memo, "ui-act-delete-memo");
word!(act_remove_source, "ui-act-remove-source");
word!(remove_source, "ui-remove-source");
word!(remove_source_title, "ui-remove-source-title");

/// The bulk editor's button and heading for `n` sources.
pub fn edit_sources(n: usize) -> String {
    t!("ui-edit-sources", count = n)
}

/// The undo label of a bulk edit.
pub fn act_edit_sources(n: usize) -> String {
    t!("ui-act-edit-sources", count = n)
}

/// What a text correction does to the codings it touches.
pub fn correction_effect(start: usize, end: usize, touching: usize) -> String {
    t!(
        "ui-correction-effect",
        start = start,
        end = end,
        touching = touching
    )
}

pub fn undone(label: &str) -> String {
    t!("ui-undone", label = label)
}

pub fn redone(label: &str) -> String {
    t!("ui-redone", label = label)
}

pub fn not_saved(action: &str) -> String {
    t!("ui-not-saved", action = action)
}

pub fn saved(action: &str) -> String {
    t!("ui-saved", action = action)
}

pub fn undo_item(label: Option<&str>) -> String {
    label.map_or_else(|| undo().to_string(), |l| t!("ui-undo-item", label = l))
}

pub fn redo_item(label: Option<&str>) -> String {
    label.map_or_else(|| redo().to_string(), |l| t!("ui-redo-item", label = l))
}

pub fn apply_named(code: &str) -> String {
    t!("ui-apply-named", code = code)
}

pub fn status_counts(codings: usize, coder: &str) -> String {
    t!("ui-status-counts", count = codings, coder = coder)
}

pub fn delete_code_question(name: &str, codes: usize, codings: usize, memos: usize) -> String {
    let question = if codes > 1 {
        t!(
            "ui-delete-code-with-subcodes",
            name = name,
            subcodes = codes - 1
        )
    } else {
        t!("ui-delete-code", name = name)
    };
    let goes = t!("ui-delete-code-goes", codings = codings, memos = memos);
    format!("{question} {goes}")
}

/// The question before removing a source: what goes with it, and when it
/// is gone for good.
pub fn remove_source_question(name: &str, chars: usize, codings: usize, memos: usize) -> String {
    t!(
        "ui-remove-source-question",
        name = name,
        chars = chars,
        codings = codings,
        memos = memos
    )
}

/// The button that removes a source.
pub fn remove_source_button(codings: usize) -> String {
    t!("ui-remove-source-button", count = codings)
}

pub fn delete_button(codings: usize) -> String {
    t!("ui-delete-button", count = codings)
}

pub fn merge_question(from: &str) -> String {
    t!("ui-merge-question", from = from)
}

pub fn segments_heading(codes: &str, n: usize) -> String {
    t!("ui-segments-heading", codes = codes, count = n)
}

pub fn quick_code_applies(name: &str) -> String {
    t!("ui-quick-code-applies", name = name)
}

pub fn quick_code_creates(name: &str) -> String {
    t!("ui-quick-code-creates", name = name)
}

word!(select_text_first, "ui-select-text-first");

pub fn import_progress(done: usize, total: usize) -> String {
    t!("ui-import-progress", done = done, total = total)
}

pub fn import_summary(added: usize, duplicates: usize, failed: usize, skipped: usize) -> String {
    if skipped > 0 {
        t!(
            "ui-import-summary-skipped",
            added = added,
            duplicates = duplicates,
            failed = failed,
            skipped = skipped
        )
    } else {
        t!(
            "ui-import-summary",
            added = added,
            duplicates = duplicates,
            failed = failed
        )
    }
}

/// The undo step of one imported file.
pub fn import_action(source: &str) -> String {
    t!("ui-import-action", source = source)
}

/// The undo step of an imported codebook.
pub fn import_codebook_action(file: &str) -> String {
    t!("ui-import-codebook-action", file = file)
}

word!(long_texts_cut, "ui-long-texts-cut");

pub fn import_duplicate(existing: &str) -> String {
    t!("ui-import-duplicate", existing = existing)
}

pub fn window_title(project: Option<&str>) -> String {
    match project {
        Some(p) => format!("{p} — {APP_NAME}"),
        None => APP_NAME.to_string(),
    }
}

pub fn cannot_open(e: &StoreError) -> String {
    t!("ui-cannot-open", error = store_error(e))
}

pub fn cannot_create(e: &StoreError) -> String {
    t!("ui-cannot-create", error = store_error(e))
}

pub fn demo_failed(e: &str) -> String {
    t!("ui-demo-failed", error = e)
}

pub fn not_reopened(path: &std::path::Path) -> String {
    t!("ui-not-reopened", path = path.display().to_string())
}

pub fn settings_not_saved(e: &std::io::Error) -> String {
    t!("ui-settings-not-saved", error = e.to_string())
}

/// A code the user acted on was deleted by another window or command.
pub fn code_deleted_outside(name: &str) -> String {
    t!("ui-code-deleted-outside", name = name)
}

/// A source the user acted on was deleted by another window or command.
pub fn source_deleted_outside(name: &str) -> String {
    t!("ui-source-deleted-outside", name = name)
}

/// A store error in plain words: the file cannot be written, is locked, the
/// disk is full; otherwise the error's own message.
pub fn store_error(e: &StoreError) -> String {
    use rusqlite::ErrorCode;
    if let StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) = e {
        return match f.code {
            ErrorCode::ReadOnly => t!("ui-store-read-only"),
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => t!("ui-store-locked"),
            ErrorCode::DiskFull => t!("ui-store-disk-full"),
            ErrorCode::CannotOpen | ErrorCode::SystemIoFailure => t!("ui-store-io"),
            _ => e.to_string(),
        };
    }
    e.to_string()
}

// Reports panel.
word!(menu_reports, "ui-menu-reports");
word!(reports, "ui-reports");
word!(review, "ui-review");
word!(open_reports, "ui-open-reports");
word!(open_review, "ui-open-review");
word!(tables, "ui-tables");
word!(figures, "ui-figures");
word!(report_frequencies, "ui-report-frequencies");
word!(report_triangulation, "ui-report-triangulation");
word!(report_cooccurrence, "ui-report-cooccurrence");
word!(report_matrix, "ui-report-matrix");
word!(report_quotes, "ui-report-quotes");
word!(report_agreement, "ui-report-agreement");
word!(agreement_unit, "ui-agreement-unit");
word!(agreement_coders, "ui-agreement-coders");
word!(agreement_needs_coders, "ui-agreement-needs-coders");
word!(figure_bars, "ui-figure-bars");
word!(figure_heatmap, "ui-figure-heatmap");
word!(figure_concept_map, "ui-figure-concept-map");
word!(filters, "ui-filters");
word!(options, "ui-options");
word!(kinds, "ui-kinds");
word!(coders, "ui-coders");
word!(codes_filter, "ui-codes-filter");
word!(all_codes, "ui-all-codes");
word!(group_by, "ui-group-by");
word!(no_split, "ui-no-split");
word!(offer_pairs, "ui-offer-pairs");
word!(cells_combined, "ui-cells-combined");
word!(sort_by_frequency, "ui-sort-by-frequency");
word!(quote_columns, "ui-quote-columns");
word!(all_columns, "ui-all-columns");
word!(export_options, "ui-export-options");
word!(latex_landscape, "ui-latex-landscape");
word!(latex_standalone, "ui-latex-standalone");
word!(csv_bom, "ui-csv-bom");
word!(by_kind, "ui-by-kind");
word!(co_unit, "ui-co-unit");
word!(unit_overlap, "ui-unit-overlap");
word!(unit_turn, "ui-unit-turn");
word!(unit_paragraph, "ui-unit-paragraph");
word!(jaccard, "ui-jaccard");
word!(presence, "ui-presence");
word!(cite, "ui-cite");
word!(exemplars_only, "ui-exemplars-only");
word!(export, "ui-export");
word!(heatmap_needs_attribute, "ui-heatmap-needs-attribute");
word!(nothing_to_show, "ui-nothing-to-show");
word!(clear_filters, "ui-clear-filters");
word!(figure_svg, "ui-figure-svg");
word!(figure_png, "ui-figure-png");
word!(figure_dot, "ui-figure-dot");
word!(exemplar, "ui-exemplar");
word!(act_exemplar, "ui-act-exemplar");
word!(act_unexemplar, "ui-act-unexemplar");

/// A table format as the Export menu names it.
pub fn table_format_label(format: crate::export::TableFormat) -> &'static str {
    use crate::export::TableFormat as F;
    match format {
        F::Csv => format_csv(),
        F::CsvWide => format_csv_wide(),
        F::Xlsx => format_xlsx(),
        F::Markdown => format_markdown(),
        F::Latex => format_latex(),
        F::Html => format_html(),
        F::Docx => format_docx(),
    }
}
word!(format_csv, "ui-format-csv");
word!(format_csv_wide, "ui-format-csv-wide");
word!(format_xlsx, "ui-format-xlsx");
word!(format_markdown, "ui-format-markdown");
word!(format_latex, "ui-format-latex");
word!(format_html, "ui-format-html");
word!(format_docx, "ui-format-docx");

/// After an export.
pub fn wrote(path: &std::path::Path) -> String {
    t!("ui-wrote", path = path.display().to_string())
}

/// "Group by" choices for attributes.
pub fn by_attribute(key: &str) -> String {
    t!("ui-by-attribute", key = key)
}

pub fn by_pair(a: &str, b: &str) -> String {
    t!("ui-by-pair", a = a, b = b)
}

/// Above a table preview.
pub fn table_size(rows: usize, columns: usize) -> String {
    t!("ui-table-size", rows = rows, columns = columns)
}

// Review board.
word!(session, "ui-session");
pub const DEFAULT_SESSION: &str = "FGD review";
word!(add_theme, "ui-add-theme");
word!(remove_theme, "ui-remove-theme");
word!(theme_note, "ui-theme-note");
word!(theme_note_hint, "ui-theme-note-hint");
word!(export_sheet, "ui-export-sheet");
word!(sheet_docx, "ui-sheet-docx");
word!(sheet_md, "ui-sheet-md");
word!(exemplar_quotes, "ui-exemplar-quotes");
word!(all_segments, "ui-all-segments");
word!(board_empty, "ui-board-empty");
word!(board_default_hint, "ui-board-default-hint");
word!(board_stored_hint, "ui-board-stored-hint");
word!(act_review, "ui-act-review");
word!(act_remove_theme, "ui-act-remove-theme");
word!(act_add_theme, "ui-act-add-theme");

/// "12 codings in 5 sources".
pub fn theme_counts(codings: usize, sources: usize) -> String {
    t!("ui-theme-counts", codings = codings, sources = sources)
}

/// A review status as a button names it.
pub fn review_status(status: crate::model::ReviewStatus) -> &'static str {
    use crate::model::ReviewStatus as S;
    match status {
        S::Pending => status_pending(),
        S::Confirmed => status_confirmed(),
        S::Disputed => status_disputed(),
        S::Revised => status_revised(),
    }
}
word!(status_pending, "ui-status-pending");
word!(status_confirmed, "ui-status-confirmed");
word!(status_disputed, "ui-status-disputed");
word!(status_revised, "ui-status-revised");

// Import and exchange.
word!(import_folder, "ui-import-folder");
word!(import_qdpx, "ui-import-qdpx");
word!(export_qdpx, "ui-export-qdpx");
word!(export_qdpx_pseudonymised, "ui-export-qdpx-pseudonymised");
word!(
    export_qdpx_pseudonymised_hint,
    "ui-export-qdpx-pseudonymised-hint"
);
word!(no_pseudonyms_qdpx, "ui-no-pseudonyms-qdpx");
word!(export_qdc_pseudonymised, "ui-export-qdc-pseudonymised");
word!(
    export_qdc_pseudonymised_hint,
    "ui-export-qdc-pseudonymised-hint"
);
word!(import_qdc, "ui-import-qdc");
word!(export_qdc, "ui-export-qdc");
word!(save_copy, "ui-save-copy");
word!(merge_project, "ui-merge-project");
word!(merge_project_hint, "ui-merge-project-hint");
word!(merge_preview, "ui-merge-preview");
word!(merge_report, "ui-merge-report");
word!(merge, "ui-merge");
word!(merge_nothing, "ui-merge-nothing");

/// The undo label of a merge.
pub fn merge_action(files: &[std::path::PathBuf]) -> String {
    match files {
        [one] => t!(
            "ui-merge-one",
            file = one
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string()
        ),
        many => t!("ui-merge-many", count = many.len()),
    }
}
word!(save_copy_hint, "ui-save-copy-hint");
word!(csv_columns, "ui-csv-columns");
word!(csv_columns_hint, "ui-csv-columns-hint");
word!(speaker_column, "ui-speaker-column");
word!(text_column, "ui-text-column");
word!(time_column, "ui-time-column");
word!(tags_column, "ui-tags-column");
word!(no_column, "ui-no-column");
word!(import, "ui-import");
word!(qdpx_importing, "ui-qdpx-importing");
word!(loss_report, "ui-loss-report");
word!(copy, "ui-copy");
word!(save_new_project, "ui-save-new-project");
word!(text_column_needed, "ui-text-column-needed");

/// After the codebook import.
pub fn qdc_imported(codes: usize) -> String {
    t!("ui-qdc-imported", count = codes)
}

/// After a REFI-QDA import.
pub fn qdpx_imported(file: &std::path::Path, project: &std::path::Path) -> String {
    t!(
        "ui-qdpx-imported",
        project = project.display().to_string(),
        file = file.display().to_string()
    )
}

/// A file in an imported folder that Jalin cannot read.
pub fn import_skipped(skipped: &crate::import::Skipped) -> String {
    skipped.to_string()
}
word!(with_sub_codes, "ui-with-sub-codes");

// The speaker menu (right-click a speaker label in the document).
word!(speaker_menu, "ui-speaker-menu");
word!(role_auto, "ui-role-auto");
word!(participant_attribute, "ui-participant-attribute");
word!(participant_value, "ui-participant-value");
word!(set_participant_attribute, "ui-set-participant-attribute");
word!(act_speaker_role, "ui-act-speaker-role");
word!(act_speaker_attribute, "ui-act-speaker-attribute");

/// The speaker menu's title: whose role in which source.
pub fn speaker_menu_title(speaker: &str) -> String {
    t!("ui-speaker-menu-title", speaker = speaker)
}

// The import report's speakers and the speakers dialog it opens.
word!(imported_sources, "ui-imported-sources");
word!(speakers_hint, "ui-speakers-hint");
word!(back_to_report, "ui-back-to-report");
word!(open_source, "ui-open-source");
word!(no_speakers, "ui-no-speakers");
word!(keep_entities, "ui-keep-entities");

/// A note on one imported source.
pub fn import_note(source: &str, note: &str) -> String {
    t!("ui-import-note", source = source, note = note)
}

/// The import report's line for one source: its kind and speakers.
pub fn imported_source(kind: &str, speakers: &str) -> String {
    t!("ui-imported-source", kind = kind, speakers = speakers)
}

/// The button that opens a source's speakers from the import report, and
/// that dialog's title.
pub fn speakers_of(source: &str) -> String {
    t!("ui-speakers-of", source = source)
}

/// The speakers dialog's title.
pub fn speakers_title(source: &str) -> String {
    t!("ui-speakers-title", source = source)
}

/// The source's kind in the speakers dialog.
pub fn source_kind_is(kind: &str) -> String {
    t!("ui-source-kind-is", kind = kind)
}

/// A speaker's turns, in the speakers dialog.
pub fn turn_count(n: usize) -> String {
    t!("ui-turn-count", count = n)
}

/// The role box of one speaker (its accessible name).
pub fn role_of(speaker: &str) -> String {
    t!("ui-role-of", speaker = speaker)
}

/// The role chosen when none is set: the one found from the label.
pub fn role_found(role: &str) -> String {
    t!("ui-role-found", role = role)
}

/// The button that removes one participant attribute.
pub fn remove_participant_attribute(key: &str, value: &str) -> String {
    t!("ui-remove-participant-attribute", key = key, value = value)
}

// Coders and blind coding.
word!(menu_coder, "ui-menu-coder");
word!(coders_dialog, "ui-coders-dialog");
word!(new_coder, "ui-new-coder");
word!(edit_coders, "ui-edit-coders");
word!(coder_name, "ui-coder-name");
word!(add_coder, "ui-add-coder");
word!(rename_coder, "ui-rename-coder");
word!(coder_color, "ui-coder-color");
word!(blind_mode, "ui-blind-mode");
word!(blind_on, "ui-blind-on");
word!(consensus_only, "ui-consensus-only");
word!(act_set_blind, "ui-act-set-blind");

pub fn act_add_coder(name: &str) -> String {
    t!("ui-act-add-coder", name = name.trim())
}

pub fn act_rename_coder(old: &str) -> String {
    t!("ui-act-rename-coder", name = old)
}

pub fn recolor_coder(name: &str) -> String {
    t!("ui-recolor-coder", name = name)
}

pub fn switch_to_coder(name: &str) -> String {
    t!("ui-switch-to-coder", name = name)
}

pub fn coder_exists(name: &str) -> String {
    t!("ui-coder-exists", name = name)
}

pub fn edit_coder(name: &str) -> String {
    t!("ui-edit-coder", name = name)
}

pub fn coder_button(name: &str) -> String {
    t!("ui-coder-button", name = name)
}

pub fn codings_count(n: usize) -> String {
    t!("n-codings", count = n)
}

word!(blind_hint, "ui-blind-hint");
word!(switch_coder_hint, "ui-switch-coder-hint");
word!(blind_reports, "ui-blind-reports");
word!(blind_agreement, "ui-blind-agreement");
word!(consensus_hint, "ui-consensus-hint");

// The disagreement review.
word!(disagreements, "ui-disagreements");
word!(open_disagreements, "ui-open-disagreements");
word!(disagree_blind, "ui-disagree-blind");
word!(disagree_need_two, "ui-disagree-need-two");
word!(coder_a, "ui-coder-a");
word!(coder_b, "ui-coder-b");
word!(match_at, "ui-match-at");
word!(export_markdown, "ui-export-markdown");
word!(export_docx, "ui-export-docx");
word!(not_coded, "ui-not-coded");
word!(take_both, "ui-take-both");
word!(take_neither, "ui-take-neither");
word!(edit_range, "ui-edit-range");
word!(use_range, "ui-use-range");
word!(previous_page, "ui-previous-page");
word!(next_page, "ui-next-page");

/// "Items 51–100 of 2,345" above a long list of disagreements.
pub fn items_shown(from: usize, to: usize, total: usize) -> String {
    t!("ui-items-shown", from = from, to = to, total = total)
}
word!(decided_neither, "ui-decided-neither");
word!(act_decide, "ui-act-decide");

pub fn reviewed(done: usize, total: usize) -> String {
    t!("ui-reviewed", done = done, total = total)
}

pub fn matched(agreed: usize, sources: usize) -> String {
    t!("ui-matched", agreed = agreed, sources = sources)
}

pub fn only_coder(name: &str) -> String {
    t!("ui-only-coder", name = name)
}

pub fn little_overlap(percent: f64) -> String {
    t!(
        "ui-little-overlap",
        percent = crate::analysis::round_half_up(percent, 0)
    )
}

pub fn decision_label(label: &str) -> String {
    t!("ui-decision", label = label)
}

pub fn take(name: &str) -> String {
    t!("ui-take", name = name)
}

// Added with the translations.
word!(menu_language, "ui-menu-language");
word!(filter_jalin_project, "ui-filter-jalin-project");
word!(filter_transcripts, "ui-filter-transcripts");
word!(filter_qdpx, "ui-filter-qdpx");
word!(filter_qdc, "ui-filter-qdc");
word!(filter_jalin_or_qdpx, "ui-filter-jalin-or-qdpx");
word!(kinds_interview, "ui-kinds-interview");
word!(kinds_focus_group, "ui-kinds-focus-group");
word!(kinds_document, "ui-kinds-document");
word!(kinds_observation, "ui-kinds-observation");
word!(chart_codings, "ui-chart-codings");

/// "version 0.1.0" in the About box.
pub fn version(version: &str) -> String {
    t!("ui-version", version = version)
}

/// Below the frequency chart: what the bars show.
pub fn chart_percent_coded(grouping: &str) -> String {
    t!("ui-chart-percent-coded", grouping = grouping)
}

/// The heading of the text correction dialog.
pub fn correct_text_heading(source: &str) -> String {
    t!("ui-correct-text-heading", source = source)
}

/// The review board's fold with a theme's quotes.
pub fn theme_quotes_header(exemplars: usize, segments: usize) -> String {
    t!(
        "ui-theme-quotes-header",
        exemplars = exemplars,
        segments = segments
    )
}

/// A source kind as people say it: "interview", "wawancara" (the shared
/// words of common.ftl); the stored name (`focus_group`) stays in files.
pub fn kind_name(kind: crate::model::SourceKind) -> &'static str {
    use crate::model::SourceKind as K;
    match kind {
        K::Interview => kind_interview(),
        K::FocusGroup => kind_focus_group(),
        K::Document => kind_document(),
        K::Observation => kind_observation(),
    }
}
word!(kind_interview, "kind-interview");

/// A source kind as a choice or heading names it: "Interview", "Wawancara".
pub fn kind_label(kind: crate::model::SourceKind) -> &'static str {
    use crate::model::SourceKind as K;
    match kind {
        K::Interview => kind_label_interview(),
        K::FocusGroup => kind_label_focus_group(),
        K::Document => kind_label_document(),
        K::Observation => kind_label_observation(),
    }
}
word!(kind_label_interview, "ui-kind-interview");
word!(kind_label_focus_group, "ui-kind-focus-group");
word!(kind_label_document, "ui-kind-document");
word!(kind_label_observation, "ui-kind-observation");
word!(kind_focus_group, "kind-focus-group");
word!(kind_document, "kind-document");
word!(kind_observation, "kind-observation");

// The window's own file dialog (egui_file), when the system's does not open.
word!(fd_open, "ui-fd-open");
word!(fd_save, "ui-fd-save");
word!(fd_new_folder, "ui-fd-new-folder");
word!(fd_new_folder_name, "ui-fd-new-folder-name");
word!(fd_rename, "ui-fd-rename");
word!(fd_refresh, "ui-fd-refresh");
word!(fd_parent_folder, "ui-fd-parent-folder");
word!(fd_file_label, "ui-fd-file-label");
word!(fd_show_hidden, "ui-fd-show-hidden");

/// A speaker's role as the speaker menus name it.
pub fn role_label(role: crate::model::roles::Role) -> &'static str {
    use crate::model::roles::Role as R;
    match role {
        R::Moderator => role_moderator(),
        R::Interviewer => role_interviewer(),
        R::Respondent => role_respondent(),
        R::Other => role_other(),
    }
}
word!(role_moderator, "ui-role-moderator");
word!(role_interviewer, "ui-role-interviewer");
word!(role_respondent, "ui-role-respondent");
word!(role_other, "ui-role-other");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every `word!` names a message that exists (in English; the i18n
    /// tests make sure Indonesian has the same messages).
    #[test]
    fn every_word_exists() {
        let text = include_str!("strings.rs");
        let re = regex::Regex::new(r#"(?m)^word!\(\w+, "([a-z0-9-]+)"\);"#).unwrap();
        let keys: Vec<&str> = re
            .captures_iter(text)
            .map(|c| c.get(1).unwrap().as_str())
            .collect();
        assert!(keys.len() > 250, "found only {} words", keys.len());
        let missing: Vec<&&str> = keys
            .iter()
            .filter(|k| i18n::tr_in(Lang::En, k, &[]) == **k)
            .collect();
        assert!(missing.is_empty(), "words without a message: {missing:?}");
    }

    /// No workbench message is left in English in the Indonesian file,
    /// except words both languages write the same.
    #[test]
    fn indonesian_messages_are_translated() {
        const SAME: &[&str] = &[
            "ui-memo",
            "ui-ok",
            "ui-figure-dot",
            "ui-role-moderator",
            "ui-format-markdown",
            "ui-format-latex",
            "ui-format-html",
            "ui-team-server",
            "ui-team-port",
        ];
        let text = i18n::sources(Lang::En)
            .iter()
            .find(|(name, _)| *name == "ui.ftl")
            .unwrap()
            .1;
        let re = regex::Regex::new(r"(?m)^(ui-[a-z0-9-]+) =").unwrap();
        let args: Vec<(&str, i18n::Arg)> = ["count", "codings", "memos", "rows", "columns"]
            .iter()
            .map(|n| (*n, 2usize.into()))
            .collect();
        let mut untranslated = Vec::new();
        for c in re.captures_iter(text) {
            let key = c.get(1).unwrap().as_str();
            if SAME.contains(&key) {
                continue;
            }
            if i18n::tr_in(Lang::En, key, &args) == i18n::tr_in(Lang::Id, key, &args) {
                untranslated.push(key);
            }
        }
        assert!(untranslated.is_empty(), "not translated: {untranslated:?}");
    }

    #[test]
    fn words_come_in_each_language() {
        assert_eq!(i18n::tr_in(Lang::En, "ui-menu-file", &[]), "File");
        assert_eq!(i18n::tr_in(Lang::Id, "ui-menu-file", &[]), "Berkas");
        assert_eq!(
            i18n::tr_in(Lang::En, "ui-delete-button", &[("count", 1usize.into())]),
            "Delete code and 1 coding"
        );
        assert_eq!(
            i18n::tr_in(Lang::En, "ui-delete-button", &[("count", 3usize.into())]),
            "Delete code and 3 codings"
        );
        assert_eq!(
            i18n::tr_in(Lang::Id, "ui-delete-button", &[("count", 3usize.into())]),
            "Hapus kode dan 3 pengodean"
        );
    }
}

// Pseudonyms.
word!(pseudonyms, "ui-pseudonyms");
word!(open_pseudonyms, "ui-open-pseudonyms");
word!(pseudonymise, "ui-pseudonymise");
word!(pseudonymise_hint, "ui-pseudonymise-hint");
word!(no_pseudonyms, "ui-no-pseudonyms");
word!(show_pseudonymised, "ui-show-pseudonymised");
word!(show_pseudonymised_hint, "ui-show-pseudonymised-hint");
word!(pseudonymised_view, "ui-pseudonymised-view");
word!(pseudonym_real, "ui-pseudonym-real");
word!(pseudonym_name, "ui-pseudonym-name");
word!(pseudonym_kind, "ui-pseudonym-kind");
word!(pseudonym_add, "ui-pseudonym-add");
word!(pseudonym_save, "ui-pseudonym-save");
word!(pseudonym_cancel, "ui-pseudonym-cancel");
word!(pseudonym_suggest, "ui-pseudonym-suggest");
word!(pseudonym_accept_all, "ui-pseudonym-accept-all");
word!(pseudonym_none, "ui-pseudonym-none");
word!(pseudonym_no_suggestions, "ui-pseudonym-no-suggestions");
word!(act_pseudonym, "ui-act-pseudonym");
word!(act_pseudonyms, "ui-act-pseudonyms");

pub fn edit_pseudonym(real: &str) -> String {
    t!("ui-edit-pseudonym", real = real)
}

pub fn remove_pseudonym(real: &str) -> String {
    t!("ui-remove-pseudonym", real = real)
}

pub fn accept_suggestion(real: &str) -> String {
    t!("ui-accept-suggestion", real = real)
}

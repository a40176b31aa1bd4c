# Jalin — the workbench: menus, panels, dialogs, status bar, tooltips, the Help window (en).
# Every key starts with ui- (then the area where it helps: menu-, act- for
# undo labels, …); src/app/strings.rs is the one place the workbench takes
# these from.

## Menus, panels, dialogs (fixed words)

ui-menu-file = File
ui-menu-edit = Edit
ui-menu-code = Code
ui-menu-view = View
ui-menu-help = Help
ui-new-project = New project…
ui-open-project = Open project…
ui-recent = Recent projects
ui-no-recent = (none yet)
ui-open-demo = Open the demo study
ui-import-files = Import files…
ui-quit = Quit
ui-undo = Undo
ui-redo = Redo
ui-apply-selected-code = Apply selected code
ui-in-vivo = Code in vivo
ui-quick-code-menu = Quick code…
ui-remove-coding = Remove selected coding
ui-new-code = New code…
ui-theme-system = Follow the system
ui-theme-light = Light
ui-theme-dark = Dark
ui-text-bigger = Larger text
ui-text-smaller = Smaller text
ui-text-size = Text size
ui-shortcuts = Keyboard shortcuts
ui-about = About Jalin
ui-about-text = Jalin weaves interviews, focus groups, documents and field notes into one coded body of evidence. Every change is saved in the project file as you make it.
ui-sources = Sources
ui-filter-sources = Filter sources…
ui-codebook = Codebook
ui-quick-code-hint = Quick code… ( / )
ui-retrieval = Retrieval
ui-memos = Memos
ui-document-text = Document text
ui-no-source = Choose a source on the left to read and code it.
ui-no-project = No project is open.
ui-no-project-hint = Create a project, open one, or open the demo study.
ui-edit-source = Name, kind and attributes…
ui-correct-text = Correct text…
ui-correct-text-hint = Select the words to correct in the document first (to insert, select a neighbouring word and retype it).
ui-selected-sources-label = Selected sources
ui-clear-selection = Clear selection
ui-toggle-source-selection = Select for editing together
ui-multi-select-hint = { $key }+click sources to select several
ui-new-subcode = New sub-code…
ui-rename = Rename…
ui-recolor = Colour…
ui-describe = Description…
ui-move-to-top = Move to top level
ui-merge-into = Merge into…
ui-delete = Delete…
ui-write-memo = Write a memo
ui-top-level-drop = Drop here for top level
ui-all-kinds = All kinds
ui-any-attribute = Any attribute
ui-any-value = Any value
ui-kind-filter = Kind
ui-attribute-filter = Attribute
ui-value-filter = Value
ui-pick-codes = Select one or more codes in the codebook ({ $key }+click for several) to list their segments here.
ui-codings-here = Coded here:
ui-codings-here-hint = Click coded text to list its codings here.
ui-remove = Remove
ui-memo = Memo
ui-new-project-memo = New project memo
ui-new-source-memo = New memo on this source
ui-new-code-memo = New memo on the selected code
ui-new-coding-memo = New memo on the selected coding
ui-memo-title = Memo title
ui-memo-text = Memo text
ui-delete-memo = Delete memo
ui-no-memo-selected = Choose a memo to read or edit it.
ui-saving = Saving…
ui-on-project = Project
ui-untitled = (untitled)
ui-ok = OK
ui-cancel = Cancel
ui-close = Close
ui-code-name = Code name
ui-code-description = Code description
ui-code-color = Code colour
ui-merge-target = Merge into code
ui-source-kind = Source kind
ui-source-name = Source name
ui-keep-kind = (keep each source's kind)
ui-set-attributes = Set these attributes on every selected source:
ui-unset-attributes = Remove these attributes (names, comma-separated):
ui-attributes-to-remove = Attributes to remove
ui-text-before = Text now
ui-text-after = Corrected text
ui-attribute-key = Attribute name
ui-attribute-value = Attribute value
ui-add-attribute = Add attribute
ui-remove-attribute = Remove attribute
ui-error-title = Something went wrong
ui-importing = Importing…
ui-import-done = Import finished
ui-import-cancelled = Import cancelled
ui-builtin-file-dialog = The system file dialog did not open, so Jalin shows its own (set JALIN_FILE_DIALOG=native to keep asking the system).
ui-dialog-failed = No file dialog could be opened on this system. Drop files on the window to import them.
ui-act-apply = apply code
ui-act-in-vivo = code in vivo
ui-act-new-code = new code
ui-act-remove-coding = remove coding
ui-act-delete-code = delete code
ui-act-rename-code = rename code
ui-act-recolor = change colour
ui-act-describe = describe code
ui-act-move-code = move code
ui-act-merge = merge codes
ui-act-edit-source = edit source
ui-act-correct-text = correct text
ui-act-new-memo = new memo
ui-act-edit-memo = edit memo
ui-act-delete-memo = delete memo
ui-select-text-first = Select some text in the document first.
ui-long-texts-cut = Long texts are cut in this preview of a very large table; exports hold them whole.
ui-menu-reports = Reports
ui-reports = Reports
ui-review = Review
ui-open-reports = Reports panel
ui-open-review = FGD review board
ui-tables = Tables
ui-figures = Figures
ui-report-frequencies = Frequencies
ui-report-triangulation = Triangulation matrix
ui-report-cooccurrence = Co-occurrence
ui-report-matrix = Code × source matrix
ui-report-quotes = Quotes
ui-report-agreement = Agreement
ui-agreement-unit = Agreement unit
ui-agreement-coders = Coders to compare
ui-agreement-needs-coders = Agreement compares coders: tick at least two under Coders to compare.
ui-figure-bars = Frequency bar chart
ui-figure-heatmap = Heatmap
ui-figure-concept-map = Concept map
ui-filters = Filters
ui-options = Options
ui-kinds = Source kinds
ui-coders = Coders
ui-codes-filter = Codes
ui-all-codes = All codes
ui-group-by = Group by
ui-no-split = No split
ui-offer-pairs = Offer pairs of attributes
ui-cells-combined = Cells as “7 of 10 (70%)”
ui-sort-by-frequency = Sort codes by frequency
ui-quote-columns = Columns
ui-all-columns = all, or e.g. code, attribution, quote
ui-export-options = Export options
ui-latex-landscape = LaTeX: landscape pages
ui-latex-standalone = LaTeX: complete document
ui-csv-bom = CSV: byte order mark (Excel)
ui-by-kind = Source kind
ui-co-unit = Co-occurrence unit
ui-unit-overlap = overlapping codings
ui-unit-turn = same speaker turn
ui-unit-paragraph = same paragraph
ui-jaccard = Show similarity (Jaccard / c-coefficient)
ui-presence = 0/1 presence instead of counts
ui-cite = Cite attributes
ui-exemplars-only = Exemplars only
ui-export = Export…
ui-heatmap-needs-attribute = The heatmap splits codes by an attribute: give your sources one (e.g. city) and choose it under Group by.
ui-nothing-to-show = Nothing to show: no coding passes these filters.
ui-clear-filters = Clear filters
ui-figure-svg = SVG image
ui-figure-png = PNG image
ui-figure-dot = Graphviz DOT
ui-exemplar = Exemplar
ui-act-exemplar = mark exemplar
ui-act-unexemplar = unmark exemplar
ui-session = Session
ui-add-theme = Add theme
ui-remove-theme = Remove from board
ui-theme-note = Note
ui-theme-note-hint = What the group said (saved when you leave the field)
ui-export-sheet = Export sheet…
ui-sheet-docx = Review sheet (Word .docx)
ui-sheet-md = Review sheet (Markdown)
ui-exemplar-quotes = Exemplar quotes
ui-all-segments = All segments
ui-board-empty = No theme is on this board yet: add one, or code some text first.
ui-board-default-hint = Every coded theme is listed, pending. Setting a status stores the board for this session.
ui-board-stored-hint = The board is stored for this session; add themes with “Add theme”, remove them here.
ui-act-review = set review status
ui-act-remove-theme = remove theme from board
ui-act-add-theme = add theme to board
ui-import-folder = Import folder…
ui-import-qdpx = Import REFI-QDA project (.qdpx)…
ui-export-qdpx = Export REFI-QDA project (.qdpx)…
ui-export-qdpx-pseudonymised = Export REFI-QDA project, pseudonymised (.qdpx)…
ui-export-qdpx-pseudonymised-hint = Every real name of the pseudonym table replaced: in the texts (codings move with them), source names, speakers, attributes, codes and memos. The project is not changed.
ui-no-pseudonyms-qdpx = The project has no pseudonyms yet, so nothing could be replaced and nothing was written: add them in the Pseudonyms tab (or accept its suggestions) first.
ui-export-qdc-pseudonymised = Export codebook, pseudonymised (.qdc)…
ui-export-qdc-pseudonymised-hint = Every real name of the pseudonym table replaced in the codes' names and descriptions. The project is not changed.
ui-import-qdc = Import codebook (.qdc)…
ui-export-qdc = Export codebook (.qdc)…
ui-save-copy = Save a copy…
ui-merge-project = Merge project…
ui-merge-project-hint = Add what other project files (.jalin, or .qdpx from another tool) hold that this one does not; shows a preview first
ui-merge-preview = Merge preview
ui-merge-report = Merge report
ui-merge = Merge
ui-merge-nothing = Nothing to merge: everything in these files is already in the project.
ui-save-copy-hint = Write a complete copy of this project to a new file, including the most recent changes (safe while it is open; the project stays open here)
ui-csv-columns = Columns of the CSV transcript
ui-csv-columns-hint = Jalin guessed the columns from their names; change them if they are wrong.
ui-speaker-column = Speaker column
ui-text-column = Text column
ui-time-column = Time column
ui-tags-column = Tags column
ui-no-column = (none)
ui-import = Import
ui-qdpx-importing = Importing the REFI-QDA project…
ui-loss-report = What was imported
ui-copy = Copy
ui-save-new-project = Save the imported project as
ui-text-column-needed = Choose the column that holds the words.
ui-with-sub-codes = Codings of this code and its sub-codes
ui-speaker-menu = Speaker
ui-role-auto = Found from the label
ui-participant-attribute = Participant attribute
ui-participant-value = Value
ui-set-participant-attribute = Set attribute
ui-act-speaker-role = set speaker role
ui-act-speaker-attribute = set participant attribute
ui-imported-sources = Sources added and the speakers found
ui-speakers-hint = Only respondents count in “% of respondents”. A label that is not a speaker (a header line): set it to Other.
ui-back-to-report = Back to the import report
ui-open-source = Show the source
ui-no-speakers = No speaker turns were found in this source.
ui-keep-entities = Keep HTML entities (&amp;, &#8212;) as written
ui-menu-coder = Coder
ui-coders-dialog = Coders
ui-new-coder = New coder…
ui-edit-coders = Edit coders…
ui-coder-name = Coder name
ui-add-coder = Add coder
ui-rename-coder = Rename coder
ui-coder-color = Coder colour
ui-blind-mode = Blind coding
ui-blind-on = blind
ui-consensus-only = Consensus only
ui-act-set-blind = blind coding
ui-blind-hint = Blind coding: each coder sees only their own codings (document, counts, retrieval, reports) until the project lead turns it off.
ui-switch-coder-hint = Who is coding: switch coder, add or edit coders, blind coding
ui-blind-reports = Blind coding is on: reports count only your codings.
ui-blind-agreement = Blind coding is on: agreement compares coders, so it waits until the project lead turns blind coding off.
ui-consensus-hint = Only the codings the team agreed (by the coder ‘consensus’)
ui-disagreements = Disagreements
ui-open-disagreements = Disagreements…
ui-disagree-blind = Blind coding is on: coders cannot see each other's codings. The project lead turns it off (File ▸ Coder ▸ Blind coding) before the review.
ui-disagree-need-two = Two coders are needed: the project has fewer than two coders (besides ‘consensus’).
ui-coder-a = Coder A
ui-coder-b = Coder B
ui-match-at = match at overlap ≥
ui-export-markdown = Export Markdown…
ui-export-docx = Export DOCX…
ui-not-coded = (not coded)
ui-take-both = Both
ui-take-neither = Neither
ui-edit-range = or range
ui-use-range = Use range
ui-previous-page = ◀ Previous
ui-next-page = Next ▶
ui-decided-neither = decided: neither
ui-act-decide = consensus decision

## Removing a source

ui-act-remove-source = remove source
ui-remove-source = Remove source…
ui-remove-source-title = Remove source
ui-remove-source-question = Remove the source ‘{ $name }’? Its text ({ $chars ->
        [one] { $chars } character
       *[other] { $chars } characters
    }), its speaker turns and attributes, { $codings ->
        [one] { $codings } coding
       *[other] { $codings } codings
    } (by every coder) and { $memos ->
        [one] { $memos } memo
       *[other] { $memos } memos
    } go with it. You can undo this until you close the project; then the text is erased from the project file.
ui-remove-source-button = Remove source and { $count ->
        [one] { $count } coding
       *[other] { $count } codings
    }

## Menus added with the translations

ui-menu-language = Language
ui-version = version { $version }
ui-filter-jalin-project = Jalin project
ui-filter-transcripts = Transcripts
ui-filter-qdpx = REFI-QDA project
ui-filter-qdc = REFI-QDA codebook
ui-filter-jalin-or-qdpx = Jalin project or REFI-QDA project
ui-role-moderator = Moderator
ui-role-interviewer = Interviewer
ui-role-respondent = Respondent
ui-role-other = Other (note-taker, observer)
ui-kind-interview = Interview
ui-kind-focus-group = Focus group
ui-kind-document = Document
ui-kind-observation = Observation
ui-kinds-interview = Interviews
ui-kinds-focus-group = Focus groups
ui-kinds-document = Documents
ui-kinds-observation = Observations
ui-chart-codings = codings
ui-chart-percent-coded = % of sources coded, { $grouping }
ui-correct-text-heading = Correct text: { $source }
ui-theme-quotes-header = Exemplar quotes ({ $exemplars }) · All segments ({ $segments })

## The window's own file dialog

ui-fd-open = Open
ui-fd-save = Save
ui-fd-new-folder = New Folder
ui-fd-new-folder-name = New folder
ui-fd-rename = Rename
ui-fd-refresh = Refresh
ui-fd-parent-folder = Parent Folder
ui-fd-file-label = File:
ui-fd-show-hidden = Show Hidden

## Table formats, review statuses, keyboard shortcuts

ui-format-csv = CSV (tidy, one observation per row)
ui-format-csv-wide = CSV (wide, as shown)
ui-format-xlsx = Excel workbook (.xlsx)
ui-format-markdown = Markdown
ui-format-latex = LaTeX (booktabs)
ui-format-html = HTML
ui-format-docx = Word table (.docx)
ui-status-pending = Pending
ui-status-confirmed = Confirmed
ui-status-disputed = Disputed
ui-status-revised = Revised
ui-shortcut-number = Apply the code with that number to the selected text
ui-shortcut-quick-code = Jump to the quick-code box (type to filter, Enter applies, a new name creates the code)
ui-shortcut-in-vivo = Code in vivo: a new code named after the selected words
ui-shortcut-remove = Remove the selected coding
ui-shortcut-extend = Extend the selection in the document ({ $key } for whole words)
ui-shortcut-copy = Copy the selected text
ui-shortcut-clear = Clear the selection
ui-shortcut-text-size = Larger / smaller transcript text
ui-shortcut-open-new = Open / new project

## Messages with values

ui-edit-sources = Edit { $count ->
        [one] { $count } source
       *[other] { $count } sources
    }…
ui-act-edit-sources = edit { $count ->
        [one] { $count } source
       *[other] { $count } sources
    }
ui-correction-effect = Characters { $start }..{ $end }. Codings after the correction move with their words; { $touching ->
        [one] { $touching } coding overlaps
       *[other] { $touching } codings overlap
    } the selection and will cover the corrected text (a coding wholly inside it is removed if the correction is empty). One undo puts everything back.
ui-undone = undo { $label }
ui-redone = redo { $label }
ui-not-saved = Not saved: { $action }.
ui-saved = Saved: { $action }
ui-undo-item = Undo { $label }
ui-redo-item = Redo { $label }
ui-apply-named = apply code ‘{ $code }’
ui-status-counts = { $count ->
        [one] { $count } coding
       *[other] { $count } codings
    } · coder: { $coder }
ui-delete-code = Delete the code ‘{ $name }’?
ui-delete-code-with-subcodes = Delete the code ‘{ $name }’ and its { $subcodes ->
        [one] sub-code
       *[other] { $subcodes } sub-codes
    }?
ui-delete-code-goes = { $codings ->
        [one] { $codings } coding
       *[other] { $codings } codings
    } and { $memos ->
        [one] { $memos } memo
       *[other] { $memos } memos
    } go with it. You can undo this.
ui-delete-button = Delete code and { $count ->
        [one] { $count } coding
       *[other] { $count } codings
    }
ui-merge-question = Merge ‘{ $from }’ into another code: its codings, sub-codes and memos move there and ‘{ $from }’ goes. You can undo this.
ui-segments-heading = { $codes }: { $count ->
        [one] { $count } segment
       *[other] { $count } segments
    }
ui-quick-code-applies = Enter applies ‘{ $name }’ · Shift+Enter creates a new code
ui-quick-code-creates = Enter creates the code ‘{ $name }’ and applies it
ui-import-progress = Importing { $done } of { $total ->
        [one] { $total } file
       *[other] { $total } files
    }…
ui-import-summary = { $added } added, { $duplicates } already in the project, { $failed } failed
ui-import-summary-skipped = { $added } added, { $duplicates } already in the project, { $failed } failed, { $skipped } skipped (listed below)
ui-import-action = Import ‘{ $source }’
ui-import-codebook-action = Import codebook ‘{ $file }’
ui-import-duplicate = same text as ‘{ $existing }’; skipped
ui-cannot-open = Cannot open the project: { $error }
ui-cannot-create = Cannot create the project: { $error }
ui-demo-failed = Cannot set up the demo study: { $error }
ui-not-reopened = The last project was not reopened: Jalin stopped while opening or showing it last time. Open it from Recent projects in the File menu to try again: { $path }
ui-settings-not-saved = Your preferences could not be saved ({ $error }).
ui-code-deleted-outside = The code '{ $name }' was deleted outside this window (by another Jalin window or a jalin command); nothing was changed.
ui-source-deleted-outside = The source '{ $name }' was deleted outside this window (by another Jalin window or a jalin command); nothing was changed.
ui-store-read-only = the project file cannot be written (it is read-only). The change was not saved.
ui-store-locked = the project file is locked by another program (another Jalin?). The change was not saved; close the other program and try again.
ui-store-disk-full = the disk is full. The change was not saved; free some space and try again.
ui-store-io = the project file cannot be written (input/output error). The change was not saved.
ui-wrote = Wrote { $path }
ui-by-attribute = attribute: { $key }
ui-by-pair = attributes: { $a } × { $b }
ui-table-size = { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    } × { $columns ->
        [one] { $columns } column
       *[other] { $columns } columns
    }
ui-theme-counts = { $codings ->
        [one] { $codings } coding
       *[other] { $codings } codings
    } in { $sources ->
        [one] { $sources } source
       *[other] { $sources } sources
    }
ui-merge-one = Merge ‘{ $file }’
ui-merge-many = Merge { $count } projects
ui-qdc-imported = { $count ->
        [one] { $count } new code imported
       *[other] { $count } new codes imported
    }
ui-qdpx-imported = created { $project } from { $file }
ui-speaker-menu-title = Speaker “{ $speaker }” in this source
ui-import-note = { $source }: note: { $note }
ui-imported-source = { $kind }; speakers: { $speakers }
ui-speakers-of = Speakers of ‘{ $source }’…
ui-speakers-title = Speakers of ‘{ $source }’
ui-source-kind-is = Kind: { $kind }
ui-turn-count = { $count ->
        [one] { $count } turn
       *[other] { $count } turns
    }
ui-role-of = Role of { $speaker }
ui-role-found = Found from the label ({ $role })
ui-remove-participant-attribute = Remove { $key }={ $value }
ui-act-add-coder = add coder ‘{ $name }’
ui-act-rename-coder = rename coder ‘{ $name }’
ui-recolor-coder = colour of coder ‘{ $name }’
ui-switch-to-coder = Code as { $name }
ui-coder-exists = ‘{ $name }’ is already a coder: OK codes as them.
ui-edit-coder = edit coder ‘{ $name }’
ui-coder-button = coder: { $name }
ui-items-shown = Items { $from }–{ $to } of { $total }
ui-reviewed = Reviewed { $done } of { $total }
ui-matched = { $agreed ->
        [one] { $agreed } segment matches
       *[other] { $agreed } segments match
    }, on { $sources ->
        [one] { $sources } source
       *[other] { $sources } sources
    } both coded
ui-only-coder = only { $name }
ui-little-overlap = overlap { $percent }%
ui-decision = { $label ->
        [open] open
        [both] decided: both
        [edited] decided: edited
       *[other] decided: { $label }
    }
ui-take = Take { $name }

## Encryption, team projects, pseudonyms

ui-new-encrypted-project = New project, encrypted with a passphrase…
ui-encrypt-project = Encrypt with a passphrase…
ui-change-passphrase = Change passphrase…
ui-decrypt-project = Decrypt…
ui-passphrase = Passphrase
ui-passphrase-again = Passphrase again
ui-passphrases-differ = The two passphrases differ.
ui-wrong-passphrase = Wrong passphrase or not a Jalin project; the file was not changed. Try again.
ui-encrypt-title = Encrypt this project
ui-rekey-title = Change the passphrase
ui-decrypt-title = Decrypt this project
ui-open-encrypted-hint = This project is encrypted. Type its passphrase to open it.
ui-encrypt-hint = The project file and its log are encrypted (AES-256); without the passphrase nobody can read them, and nobody can recover them if it is lost. Copies and backups made before stay plaintext; exports are always plaintext.
ui-rekey-hint = Type the new passphrase twice. The project is rewritten with it; the old one no longer opens it.
ui-decrypt-hint = Type the passphrase to confirm. The project is rewritten as a plaintext file anyone with access to it can read.
ui-encrypted-done = The project is now encrypted.
ui-rekeyed-done = The passphrase was changed.
ui-decrypted-done = The project is now plaintext (not encrypted).
ui-plaintext-export-title = plaintext, not encrypted
ui-plaintext-export = The project is encrypted, but this export is not: keep the file as safe as the project, or write it pseudonymised.
ui-open-team-project = Open team project…
ui-open-team-title = Open team project
ui-open-team-hint = A project the team shares on a PostgreSQL server. The password is used for this connection only and never saved; leave it empty to use PGPASSWORD or ~/.pgpass.
ui-team-server = Server
ui-team-port = Port
ui-team-database = Database
ui-team-project = Project
ui-team-user = User
ui-team-password = Password
ui-team-password-hint = not saved
ui-team-bad-port = '{ $port }' is not a port number
ui-team-field-empty = { $field } is empty
ui-window-failed = cannot open the window: { $why }
ui-pseudonyms = Pseudonyms
ui-open-pseudonyms = Pseudonyms…
ui-pseudonymise = Pseudonymise
ui-pseudonymise-hint = Replace every real name of the pseudonym table in this preview and in every export made from it (the project is not changed)
ui-no-pseudonyms = The project has no pseudonyms yet: add them in the Pseudonyms tab (or accept its suggestions), so there is something to replace.
ui-show-pseudonymised = Show pseudonymised
ui-show-pseudonymised-hint = Show the document and retrieval quotes with every real name replaced (for sharing the screen); coding waits until it is off
ui-pseudonymised-view = Pseudonymised view: read-only; untick Show pseudonymised in the View menu to code.
ui-pseudonym-real = Real name
ui-pseudonym-name = Pseudonym
ui-pseudonym-kind = Kind
ui-pseudonym-add = Add pseudonym
ui-pseudonym-save = Save pseudonym
ui-pseudonym-cancel = Cancel edit
ui-pseudonym-suggest = Suggest names
ui-pseudonym-accept-all = Accept all suggestions
ui-pseudonym-none = No pseudonyms yet. Add real names and what outputs show instead, or let the project suggest them.
ui-pseudonym-no-suggestions = Nothing to suggest: every name found is in the table.
ui-act-pseudonym = pseudonym
ui-act-pseudonyms = pseudonyms
ui-passphrase-to-open = Passphrase for { $name }
ui-passphrase-for-new = New encrypted project { $name }
ui-edit-pseudonym = Edit { $real }
ui-remove-pseudonym = Remove { $real }
ui-accept-suggestion = Accept { $real }

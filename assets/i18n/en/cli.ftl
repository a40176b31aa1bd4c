# Jalin — the command line: help texts and messages (en).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).

## clap's own words (only the Indonesian help replaces clap's)

cli-heading-usage = Usage:
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-help-flag = Print help
cli-version-flag = Print version

## Messages

cli-error = error: { $message }
cli-warning = warning: { $message }
cli-wrote = wrote { $path }
cli-reader-stopped = the program reading it stopped early
cli-output-failed = standard output could not be written ({ $why })
cli-output-lost = standard output could not be written ({ $why }): { $lines } lines were lost, but the command did not stop for that
cli-output-lost-finished = standard output could not be written ({ $why }): { $lines } lines were lost, but the command did not stop for that; it finished, and its last line was: { $last }

## Help of the command line (clap's English text; the Indonesian replaces it)

cli-about = Qualitative interview coding: weave interviews, focus groups, documents and field notes into one coded body of evidence.
cli-about-new = Create a new, empty project: a file, or a team project on a PostgreSQL server (postgres://USER@HOST:PORT/DB?project=NAME)
cli-about-import = Import files or folders as sources: .txt .md .docx .odt .pdf .html .vtt .srt .csv (a folder: every such file below it)
cli-about-codes = Work on the codebook
cli-about-codes-add = Create a code
cli-about-codes-list = List the codebook with counts
cli-about-codes-rename = Rename a code
cli-about-codes-recolor = Change a code's colour
cli-about-codes-describe = Set a code's description
cli-about-codes-move = Move a code under another (--parent) or to the top level (--top)
cli-about-codes-merge = Merge a code into another: its codings, sub-codes and memos move over
cli-about-codes-delete = Delete a code with its sub-codes and their codings
cli-about-code = Apply a code to a range (--range), to every match of a pattern (--match), or apply the codings listed in a CSV file (--from)
cli-about-uncode = Remove codings by their GUID (as `jalin list codings` prints)
cli-about-list = List sources, codes, codings or memos
cli-about-list-sources = Every source: name, kind, length, turns, codings, attributes, file
cli-about-list-codes = The codebook: each code's path, counts, colour and description
cli-about-list-codings = Every coded segment: GUID, source, code, range, coder, speaker, attributes and the quoted text
cli-about-list-memos = Every memo with what it is about
cli-about-show = Print a source's stored text
cli-about-source = Change a source's name, kind or attributes (kind and attributes of several sources at once), or correct its text (--find/--at with --replace); codings move with their words
cli-about-speakers = List a source's speakers with their role, turns and words; set roles (--role) and participants' own attributes (--attr)
cli-about-memo = Write a memo on the project, a source, a code or a coding
cli-about-report = Tables for papers: frequencies, triangulation, co-occurrence, matrix, quotes
cli-about-report-frequencies = Per code (with its sub-codes): codings, sources, respondents and their shares; split with --by
cli-about-report-triangulation = Code × source kind: codings and sources per kind, and whether corroborated; --by attr:NAME also splits by it
cli-about-report-cooccurrence = Code × code: how often codes occur together
cli-about-report-matrix = Code × source: codings per source, or 0/1 with --presence
cli-about-report-quotes = Per code, its quotes with attribution; exemplars first
cli-about-chart = Figures: frequency bars, heatmap, concept map
cli-about-chart-frequencies = Bars of code frequencies stacked by source kind
cli-about-chart-heatmap = Codes × attribute values (--by attr:NAME), shaded by the share of sources coded
cli-about-chart-concept-map = Themes, codes sized by frequency, and co-occurrence as weighted edges
cli-about-review = The focus-group review board: set a theme's status, or export the sheet
cli-about-agreement = Intercoder agreement per code × source: percent, Cohen's κ (Fleiss' with more coders), Krippendorff's α, uα and |uα
cli-about-exemplar = Mark a coding (by GUID) as an exemplar quote, or unmark it
cli-about-backup = Write a consistent copy of a project to a new file (safe while the workbench has it open; SQLite's online backup)
cli-about-demo = Create a project holding the built-in demo study
cli-about-merge = Merge other projects (.jalin, or .qdpx from another tool) into TARGET: sources by GUID or identical text, codes by GUID or path, codings united; one transaction for all files; prints the merge report
cli-about-open = Open a project in the workbench window (`jalin` alone opens the last one)
cli-about-qdpx = REFI-QDA project exchange (.qdpx) with NVivo, ATLAS.ti, MAXQDA, QualCoder
cli-about-qdpx-import = Import a .qdpx into a NEW project file (PROJECT must not exist yet); prints the loss report
cli-about-qdpx-export = Export the project as a .qdpx
cli-about-qdc = REFI-QDA codebook exchange (.qdc)
cli-about-qdc-import = Add the codes of a .qdc codebook to the project (codes already there are kept)
cli-about-qdc-export = Export the project's codebook as a .qdc
cli-about-coders = The project's coders: list them, add one, rename one or set their colour
cli-about-coders-list = Each coder with colour and how many codings and memos are theirs
cli-about-coders-add = Add a coder
cli-about-coders-rename = Rename a coder (their codings and memos follow)
cli-about-coders-color = Set a coder's colour (#RRGGBB)
cli-about-disagreements = Where two coders differ, per code (coded by one only, or by both with little overlap), with what the review decided (the consensus coder's codings)
cli-about-blind = Blind coding: while on, each coder's reports show only their own codings
cli-arg--coder = Who is coding: stored with every coding and memo. Defaults to $JALIN_CODER, else your login name. In reports and charts it keeps only that coder's codings
cli-arg--lang = The language of messages, help, tables and the workbench: en or id (Bahasa Indonesia). Defaults to $JALIN_LANG, else the language chosen in the workbench's View ▸ Language, else the system locale
cli-arg-import--speaker-column = CSV: the column holding the speaker (default: a column named speaker, name, …)
cli-arg-import--text-column = CSV: the column holding the words (default: text, transcript, utterance, …)
cli-arg-import--time-column = CSV: the column holding the time (default: time, timestamp, start, …)
cli-arg-import--tags-column = CSV: a column of tags (separated by ;) that become codes on each row's words
cli-arg-import--kind = The kind of every imported source (overrides the file's front matter)
cli-arg-import--attrs = An attribute for every imported source, e.g. --attr city=Palu (repeatable)
cli-arg-import--force = Import even if the same text is already in the project
cli-arg-import--keep-entities = CSV: keep HTML entities in cells (&amp;, &#8212;) as written instead of decoding them
cli-arg-codes-add--parent = Parent code (name, path or GUID)
cli-arg-codes-add--color = #RRGGBB; by default the next palette colour
cli-arg--format = csv is the long, tidy table; csv-wide the table as printed
cli-arg--out = Write to this file instead of standard output
cli-arg--landscape = LaTeX: put the table on landscape pages (needs the pdflscape package)
cli-arg--standalone = LaTeX: write a complete document (preamble included) that compiles on its own
cli-arg--bom = CSV: start with a UTF-8 byte order mark, so Excel on Windows reads accents right
cli-arg-codes-delete--dry-run = Only say what would be deleted
cli-arg-code--code = The code: its name, its path (parent > child) or GUID
cli-arg-code--source = The source (name or GUID). With --match, limits the search (repeatable)
cli-arg-code--range = Code-point range START..END (end exclusive), as `jalin list codings` prints
cli-arg-code--pattern = A regular expression; every match is coded
cli-arg-code--unit = How much to code around each match
cli-arg-code--ignore-case = Match without regard to case
cli-arg-code--from = A CSV file of codings with the columns source, code, start, end (code points, end exclusive) and optionally coder; each row is saved in its own transaction
cli-arg-code--one-transaction = With --from: save all rows in one transaction, so a bad row leaves the project unchanged
cli-arg-list-codings--code = Only codings of this code
cli-arg-list-codings--source = Only codings in this source
cli-arg-source--sources = One source, or several for --kind, --attr and --unset (all changed in one transaction). A name starting with `-` goes after `--`
cli-arg-source--attrs = Set an attribute, e.g. --attr role=judge (repeatable)
cli-arg-source--unset = Remove an attribute (repeatable)
cli-arg-source--find = Correct the text: replace the one place where OLD occurs (it must occur exactly once; else use --at) with --replace
cli-arg-source--at = Correct the text: replace code points START..END (end exclusive, as `jalin list codings` prints ranges) with --replace
cli-arg-source--replace = The corrected text for --find or --at (may be empty: deletes)
cli-arg-speakers--roles = Set a speaker's role: NAME=moderator|interviewer|respondent|other, or NAME=auto for the role found from the label (repeatable). Only respondents count in "% of respondents"
cli-arg-speakers--attrs = Set a participant's own attribute: NAME:KEY=VALUE, e.g. --attr "Pak Hasan:role=prosecutor" (repeatable). Quotes cite it and respondent tables group by it before the source's attributes
cli-arg-speakers--unset = Remove a participant's attribute: NAME:KEY (repeatable)
cli-arg-memo--coding = A coding's GUID
cli-arg-report--by = Split by source kind (kind), an attribute (attr:NAME) or two (attr:NAME,attr:NAME)
cli-arg--coders = Only codings by this coder (repeatable)
cli-arg--consensus-only = Only codings by the `consensus` coder (the agreed coding)
cli-arg--kinds = Only sources of this kind (repeatable)
cli-arg-report--wheres = Only sources with this attribute value, e.g. --where city=Palu (repeatable)
cli-arg--codes = Only this code and its sub-codes (repeatable)
cli-arg-report--cells = separate: a count column and a % column; combined: "7 of 10 (70%)" in one cell
cli-arg-report--sort = codebook order, or frequency (most codings first, sub-codes under their parent)
cli-arg-report-cooccurrence--unit = What counts as together: overlap (codings overlap), turn (same speaker turn) or paragraph
cli-arg-report-cooccurrence--jaccard = Show similarity (c-coefficient for overlap, Jaccard for turn/paragraph) instead of counts
cli-arg-report-quotes--cite = Attributes that make up the attribution, in order
cli-arg-report-quotes--exemplars-only = Only quotes marked as exemplars
cli-arg-report-quotes--columns = The columns, in order, from code, exemplar, attribution, quote, source, kind, speaker, start, end, coder (default: all)
cli-arg-chart--format = The figure's format (dot only for the concept map)
cli-arg-chart--by = For the heatmap: the attribute (attr:NAME or attr:NAME,attr:NAME)
cli-arg-chart--unit = For the concept map: what links two codes: overlap, turn (same speaker turn) or paragraph
cli-arg-chart--wheres = Only sources with this attribute value (repeatable)
cli-arg-review--session = The review session, e.g. "Expert FGD"
cli-arg-review--set = Put a theme on the board with a status: THEME=pending|confirmed|disputed|revised
cli-arg-review--note = The facilitator's note, with --set
cli-arg-review--format = The review sheet's format
cli-arg-agreement--coders = The coders to compare, comma-separated (at least two; for Cohen's κ the first is coder A)
cli-arg-agreement--unit = What one unit is: character, sentence, paragraph or turn (a unit counts as coded when any of its characters is)
cli-arg-backup--out = The new file; never replaces an existing one
cli-arg-backup--repair = Leave out triggers, views, tables and indexes Jalin did not make, rebuild Jalin's own indexes and break code-parent loops (for a project that Jalin refuses to open as tampered with or damaged)
cli-arg-merge--project = The project to merge into (TARGET)
cli-arg-merge--others = The projects to merge in; each is only read
cli-arg-merge--dry-run = Show the report without writing anything
cli-arg-qdpx-export--group-selections = Codings of the same passage share one selection (valid REFI-QDA, but simpler readers then see only the first coding). By default each coding has a selection of its own
cli-arg-coders-add--color = #RRGGBB; by default one from the palette
cli-arg-disagreements--coders = The two coders to compare, A,B
cli-arg-disagreements--min-overlap = Two codings of a code match when they overlap at least this percentage of their union (1–100)

## What commands say they did

cli-created = created { $path }
cli-created-encrypted = created { $path } (encrypted)
cli-created-team = created team project { $location }
cli-demo-created = created { $path } with the demo study: { $sources ->
    [one] { $sources } source
   *[other] { $sources } sources
}, { $codes ->
    [one] { $codes } code
   *[other] { $codes } codes
}, { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} ({ $second } of them by a second coder), { $memos ->
    [one] { $memos } memo
   *[other] { $memos } memos
}
cli-imported = imported { $path } as '{ $name }' ({ $kind }, { $chars ->
    [one] { $chars } character
   *[other] { $chars } characters
}, { $turns ->
    [one] { $turns } speaker turn
   *[other] { $turns } speaker turns
})
cli-import-speakers = { "  " }speakers: { $speakers }
cli-note = note: { $message }
cli-import-duplicate = skipped, the same text is already in the project as '{ $existing }' (use --force to import it again): { $path }
cli-import-empty-folder = the folder holds no file Jalin can import: { $path }
cli-import-summary = { $added } imported, { $duplicates } skipped as duplicates, { $failed } failed, { $skipped } skipped (listed above)
cli-coded = coded { $made ->
    [one] { $made } passage
   *[other] { $made } passages
} in { $sources ->
    [one] { $sources } source
   *[other] { $sources } sources
} with '{ $code }' ({ $already } already coded)
cli-coded-from = coded { $saved ->
    [one] { $saved } passage
   *[other] { $saved } passages
} from { $file } ({ $already ->
    [one] { $already } row
   *[other] { $already } rows
} already coded, skipped)
cli-removed = removed { $guid }
cli-code-renamed = renamed '{ $old }' to '{ $new }'
cli-code-color = '{ $name }' is now { $color }
cli-code-moved = moved to '{ $path }'
cli-code-merged = merged '{ $from }' into '{ $into }': { $moved ->
    [one] { $moved } coding
   *[other] { $moved } codings
} moved, { $dropped ->
    [one] { $dropped } duplicate
   *[other] { $dropped } duplicates
} dropped, { $subs ->
    [one] { $subs } sub-code
   *[other] { $subs } sub-codes
} moved
cli-code-deleted = deleted '{ $name }' with { $subs ->
    [one] { $subs } sub-code
   *[other] { $subs } sub-codes
}, { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} and { $memos ->
    [one] { $memos } memo
   *[other] { $memos } memos
}
cli-code-would-delete = would delete '{ $name }' with { $subs ->
    [one] { $subs } sub-code
   *[other] { $subs } sub-codes
}, { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} and { $memos ->
    [one] { $memos } memo
   *[other] { $memos } memos
}
cli-qdpx-wrote = wrote { $path }: { $sources ->
    [one] { $sources } source
   *[other] { $sources } sources
}, { $codes ->
    [one] { $codes } code
   *[other] { $codes } codes
}, { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
}, { $memos ->
    [one] { $memos } memo
   *[other] { $memos } memos
}
cli-created-from = created { $path } from { $file }
cli-qdc-imported = { $count ->
    [one] { $count } new code
   *[other] { $count } new codes
} from { $file }
cli-qdc-wrote = wrote { $path } ({ $count ->
    [one] { $count } code
   *[other] { $count } codes
})
cli-merge-nothing = nothing new to merge; { $path } is unchanged
cli-binary-format = { $format } is a binary format: give --out FILE.{ $extension }
cli-review-set = '{ $code }' is { $status } in { $session }
cli-coder-added = added coder '{ $name }'
cli-coder-renamed = renamed coder '{ $old }' to '{ $new }'
cli-coder-color = coder '{ $name }' is now { $color }
cli-blind-on = blind coding is on: reports show each coder only their own codings (you are coder '{ $name }')
cli-blind-off = blind coding is off: everyone's codings are shown
cli-no-speakers = none found
cli-text-replaced = replaced { $start }..{ $end } { $old } with { $new }: { $moved ->
    [one] { $moved } coding
   *[other] { $moved } codings
} moved, { $removed } removed, { $kept } unchanged
cli-exemplar-set = { $guid } is an exemplar
cli-exemplar-unset = { $guid } is no longer an exemplar
cli-remove-no-source = no source called '{ $key }' (nor with that GUID) in this project; nothing was removed (`jalin list sources` shows names and GUIDs): { $path }
cli-remove-ambiguous = '{ $key }' could be any of { $count } sources: { $sources }; give the exact name or the GUID of the one to remove; nothing was removed: { $path }
cli-remove-what = its text ({ $chars } characters), { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} and { $memos ->
    [one] { $memos } memo
   *[other] { $memos } memos
}
cli-remove-would = would remove source '{ $name }' with { $what }
cli-remove-done = removed source '{ $name }' with { $what }
cli-log-kept = another Jalin window or command is reading the project, so its log could not be copied into the file yet; the removed text is erased from the file when the last of them closes (or run `jalin vacuum` then): { $path }
cli-vacuumed = vacuumed { $path }: { $before } -> { $after } ({ $pages } free pages given back)

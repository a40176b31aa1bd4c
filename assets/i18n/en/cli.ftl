# Jalin — the command line: help texts and messages (en).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).

## clap's own words (only the Indonesian help replaces clap's)

cli-heading-usage = Usage:
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-help-flag = Print help
cli-version-flag = Print version
cli-help-default = default: { $value }

## Messages

cli-error = error: { $message }
cli-warning = warning: { $message }
cli-wrote = wrote { $path }
cli-reader-stopped = the program reading it stopped early
cli-output-failed = standard output could not be written ({ $why })
cli-output-lost = standard output could not be written ({ $why }): { $lines ->
        [one] 1 line was
       *[other] { $lines } lines were
    } lost, but the command did not stop for that
cli-output-lost-finished = standard output could not be written ({ $why }): { $lines ->
        [one] 1 line was
       *[other] { $lines } lines were
    } lost, but the command did not stop for that; it finished, and its last line was: { $last }

## Help of the command line (clap's English text; the Indonesian replaces it)

cli-about = Qualitative interview coding: weave interviews, focus groups, documents and field notes into one coded body of evidence.
cli-help-subcommand = Print this message or the help of the given subcommand(s)
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
cli-arg--passphrase-file = Read the passphrase of an encrypted project from FILE (its text, one final line break ignored) instead of $JALIN_PASSPHRASE or a prompt. For `new --encrypt` and `encrypt`, the new passphrase
cli-arg-new--encrypt = Encrypt it with a passphrase (asked twice at the terminal, or --passphrase-file, or $JALIN_PASSPHRASE)
cli-about-encrypt = Encrypt a project with a passphrase (SQLCipher, AES-256): the file is rewritten beside itself and replaces the plaintext one. Copies made before stay plaintext
cli-about-decrypt = Decrypt an encrypted project: it is rewritten as a plaintext file
cli-about-rekey = Change the passphrase of an encrypted project (the old one as for any command; the new one typed twice, or --new-passphrase-file, or $JALIN_NEW_PASSPHRASE)
cli-arg-rekey--new-passphrase-file = Read the new passphrase from FILE
cli-about-copy = Copy a whole project to a new place: a .jalin file to a server (postgres://USER@HOST:PORT/DB?project=NAME) or back, with every GUID, id and time as it is. DEST must not exist yet
cli-arg-copy--project = The project to copy (a file or a server location)
cli-arg-copy--dest = Where the copy goes (a new file or a new team project)
cli-arg--pseudonymise = Replace every real name of the project's pseudonym table (`jalin pseudonyms`) in the output, whole words in any case; the project is not changed
cli-arg-chart--pseudonymise = Replace every real name of the pseudonym table in the labels
cli-arg-review--pseudonymise = Replace every real name of the pseudonym table in the sheet
cli-arg-qdpx-export--pseudonymise = Replace every real name of the pseudonym table (texts, names, attribute values, speakers, memos); positions move with the texts
cli-arg-qdc-export--pseudonymise = Replace every real name of the pseudonym table in the codes' names and descriptions
cli-about-pseudonyms = Pseudonyms: real names of people and places, and what reports, charts, review sheets and .qdpx exports made with --pseudonymise show instead; `check` proves an output free of real names
cli-about-pseudonyms-list = The table: real name, pseudonym, kind (tab-separated)
cli-about-pseudonyms-suggest = Names the project suggests (speaker labels, participant and source attributes such as name or city, words capitalised mid-sentence), each with a free pseudonym; --accept adds them all
cli-arg-pseudonyms-suggest--accept = Add every suggestion to the table (one change)
cli-arg-pseudonyms-suggest--min-count = How often a capitalised word must occur mid-sentence
cli-about-pseudonyms-add = Add a real name with its pseudonym (a name already in the table is refused: remove it first)
cli-about-pseudonyms-remove = Remove a real name from the table
cli-about-pseudonyms-check = List every occurrence of a real name in exported files (CSV, Markdown, LaTeX, HTML, SVG, DOT, text; DOCX, XLSX and .qdpx read inside the zip); exit status 1 when any is found
cli-about-team = Members of a team project on a server: add a login as lead, coder or reader (made without a password when new), or take one out. Run as a role that may create roles (the one that created the project)
cli-arg-team--project = The team project (postgres://USER@HOST:PORT/DB?project=NAME)
cli-about-team-add = Make LOGIN a member: lead (codebook, sources, coders, settings), coder (their own codings and memos) or reader (reports only)
cli-arg-team-add--coder = The coder the login codes as (default: the login's name); made when the project has none of that name
cli-about-team-remove = Take LOGIN out of the project (their codings stay)
cli-about-remove-source = Remove a source for good: its text, speaker turns, attributes, codings and memos (no undo from the command line). The freed space is overwritten, so the text is not left in the file
cli-arg-remove-source--source = The source's name or GUID (a name matching several sources is refused: give the GUID)
cli-arg-remove-source--dry-run = Say what would be removed, removing nothing
cli-about-vacuum = Rebuild the project file without its free space and empty its log, so nothing deleted is left in either
cli-about-bench = Measure Jalin at scale (workload A, workload B); prints each step's time and peak memory
cli-about-bench-workload-a = Import documents, create codes, make codings one transaction each, then the per-code count table and all coded segments as CSV
cli-arg-bench--project = The project file to create (kept afterwards); default: a temporary one
cli-arg-bench-workload-a--doc-kb = Size of each generated document in KiB
cli-arg-bench--doc-kb = Size of each generated source in KiB
cli-arg-bench-workload-a--dir = Import the .txt/.html files of this folder instead of generating documents
cli-arg-bench-workload-a--durability = prompt (Jalin's setting: each commit flushed to disk by a background thread right after), full (each commit waits for its flush) or normal (flushed at checkpoints only; for comparison)
cli-arg-bench--encrypt = Encrypt the project (SQLCipher; a fixed passphrase), to compare with the same run unencrypted
cli-about-bench-workload-b = A large coded corpus: time to open it and compute the frequency and triangulation tables at each number of codings
cli-arg-bench-workload-b--codings = Numbers of codings to measure at, comma-separated
cli-about-bench-server = A team server under load: CODERS coder processes each apply CODINGS codings at once (one transaction each), on a server and on a temporary .jalin file; checks that every coding is there once and prints each store's p50/p95 time per coding
cli-arg-bench-server--url = The server: postgres://USER@HOST:PORT/DB. A project is made there and removed afterwards; with ?project=NAME that new project is kept
cli-arg-bench-server--codings = Codings per coder
cli-about-bench-server-worker = One coder process of `jalin bench server` (started by it)
cli-arg-bench-workload-b--url = Also on a team server (postgres://USER@HOST:PORT/DB): the largest project is copied there (and removed afterwards) and its tables timed beside the file's
cli-about-bench-agreement = Intercoder agreement at scale: two coders' codings on a large corpus; time to open it and make the agreement table
cli-arg-bench-agreement--codings = Codings in all, about half by each coder
cli-about-bench-gui = The workbench driven headless on workload B's corpus: p50 and p95 milliseconds per action, from input to the frame that shows it
cli-arg-bench-gui--codings = Codings in the project
cli-arg-bench-gui--rounds = Times each action is measured

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
cli-more-speakers = , and { $count } more
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
cli-vacuumed = vacuumed { $path }: { $before } -> { $after } ({ $pages ->
    [one] { $pages } free page
   *[other] { $pages } free pages
} given back)

## Encryption, copies, team projects, pseudonyms

cli-new-encrypt-team = --encrypt is for project files; a team project lives on the server, whose disk encryption and TLS (sslmode=require) protect it; nothing was created: { $location }
cli-already-encrypted = the project is already encrypted (`jalin rekey` changes its passphrase); nothing was changed: { $path }
cli-encrypted = encrypted { $path }; copies and backups made before are still plaintext
cli-not-encrypted = the project is not encrypted; nothing was changed: { $path }
cli-decrypted = decrypted { $path }: it is now plaintext
cli-rekey-not-encrypted = the project is not encrypted (`jalin encrypt` encrypts it); nothing was changed: { $path }
cli-rekeyed = changed the passphrase of { $path }
cli-plaintext-note = the project is encrypted, but what this command wrote is not: keep the output as safe as the project, or write it pseudonymised
cli-merge-plaintext-note = an encrypted project was merged into { $path }, which is not encrypted: its text is now stored there in plaintext; encrypt it (`jalin encrypt`) to protect it as the other was
cli-copied = copied { $from } to { $to }: { $sources ->
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
}, { $coders ->
    [one] { $coders } coder
   *[other] { $coders } coders
}
cli-backup-on-server = backup works on a project file; copy a team project to a file with jalin copy { $location } FILE.jalin
cli-backup-left-out = left out { $what }
cli-backup-rebuilt = rebuilt index '{ $index }'
cli-backup-moved-top = moved code '{ $code }' to the top level to break a loop
cli-merge-cannot = cannot merge { $path }: { $why }
cli-pass-file-unreadable = cannot read the passphrase file ({ $why }): { $path }
cli-pass-file-not-regular = the passphrase file is not a regular file: { $path }
cli-pass-file-too-large = the passphrase file is larger than 64 KiB; it should hold only the passphrase: { $path }
cli-pass-file-not-utf8 = the passphrase file is not UTF-8 text: { $path }
cli-pass-env-bad = { $why } (from ${ $var })
cli-pass-env-not-unicode = ${ $var } is not valid Unicode
cli-pass-terminal-failed = cannot read the passphrase from the terminal ({ $why })
cli-pass-no-terminal = { $path } is encrypted (or is not a Jalin project at all) and there is no terminal to ask for its passphrase on: give it with { $flag } FILE or ${ $var }
cli-pass-new-no-terminal = no terminal to ask for the new passphrase of { $path } on: give it with { $flag } FILE or ${ $var }
cli-pass-prompt = Passphrase for { $path }:
cli-pass-new-prompt = New passphrase for { $path }:
cli-pass-again-prompt = The same passphrase again:
cli-pass-differ = the two passphrases differ; nothing was changed: { $path }
cli-team-not-server = { $project }: members are for team projects on a server (postgres://USER@HOST:PORT/DB?project=NAME); a .jalin file has coders only (jalin coders)
cli-team-member = login '{ $login }' is a { $role } of { $project }
cli-team-member-coding = login '{ $login }' is a { $role } of { $project }, coding as '{ $coder }'
cli-team-no-password = the login is new and has no password: set one with psql's \password { $login }
cli-team-removed = login '{ $login }' is no member of { $project } any more; their codings stay
cli-pseudonyms-none = no pseudonyms yet: `jalin pseudonyms { $project } suggest` lists names the project suggests
cli-pseudonyms-added = added { $count ->
    [one] { $count } pseudonym
   *[other] { $count } pseudonyms
}
cli-pseudonyms-nothing = nothing to suggest
cli-pseudonym-exists = '{ $real }' is already in the pseudonym table (as '{ $old }' → '{ $pseudonym }'); `jalin pseudonyms { $project } remove '{ $old }'` first. Nothing was changed
cli-pseudonym-set = '{ $real }' → '{ $pseudonym }' ({ $kind })
cli-pseudonym-removed = removed '{ $real }'
cli-pseudonyms-check-empty = the project has no pseudonyms, so there is no real name to look for; add them with `jalin pseudonyms { $project } add`
cli-pseudonyms-hit = { $file }: { $place }: '{ $found }' (real name '{ $real }'): { $context }
cli-pseudonyms-read-as = { $file }: not UTF-8; read as { $encoding }
cli-pseudonyms-cannot-check = cannot check { $file }: { $why }
cli-pseudonyms-found = { $found ->
    [one] { $found } occurrence
   *[other] { $found } occurrences
} of real names in { $checked ->
    [one] { $checked } file
   *[other] { $checked } files
} checked
cli-pseudonyms-found-failed = { $found ->
    [one] { $found } occurrence
   *[other] { $found } occurrences
} of real names in { $checked ->
    [one] { $checked } file
   *[other] { $checked } files
} checked; { $failed } could not be checked
cli-pseudonyms-failed = no real name in the { $checked ->
    [one] { $checked } file
   *[other] { $checked } files
} checked, but { $failed } could not be checked
cli-pseudonyms-clean = clean: no real name of the { $names } in the pseudonym table occurs in { $checked ->
    [one] { $checked } file
   *[other] { $checked } files
}

## Refusals of arguments and input files

cli-blind-no-compare = blind coding is on in this project, so coders cannot see each other's codings (you are coder '{ $coder }'); the project lead can turn it off with `jalin blind PROJECT off`
cli-blind-own-only = blind coding is on in this project, so reports show only your own codings (coder '{ $coder }'); the project lead can turn it off with `jalin blind PROJECT off`
cli-blind-left-out = blind coding is on in this team project, so other coders' codings, memos and exemplar marks are hidden from you (coder '{ $coder }') and were left out; the lead or a reader can copy or export the whole project
cli-no-coder = no coder called '{ $name }' in this project
cli-no-coder-known = no coder called '{ $name }' in this project (its coders: { $known })
cli-no-coder-none = no coder called '{ $name }' in this project (its coders: none)
cli-coder-twice = the coder '{ $name }' is named twice in --coders
cli-coders-same-twice = --coders names the same coder twice ('{ $name }')
cli-agreement-two-coders = agreement needs at least two coders: --coders A,B
cli-disagreements-two-coders = --coders takes two coders, A,B (e.g. --coders R1,R2)
cli-bad-min-overlap = --min-overlap is a percentage above 0 and at most 100, not { $value }
cli-one-transaction-needs-from = --one-transaction goes with --from FILE.csv
cli-range-one-source = --range needs exactly one --source
cli-codings-file-folder = the codings file is a folder: { $path }
cli-codings-file-unreadable = cannot read the codings file ({ $why }): { $path }
cli-codings-file-not-utf8 = the codings file is not UTF-8 text (invalid byte at offset { $offset }); save it as UTF-8 CSV: { $path }
cli-codings-file-columns = the codings file needs the columns source, code, start and end (and may have coder); its header is '{ $header }': { $path }
cli-codings-row-columns = it has { $count } columns, the header has { $header }
cli-not-whole-number = { $what } '{ $value }' is not a whole number
cli-codings-file-bad-csv = the codings file is not valid CSV ({ $why }): { $path }
cli-codings-row-bad-csv = it is not valid CSV ({ $why })
cli-source-twice = source '{ $name }' is named twice
cli-edit-one-source = --rename, --find and --at change one source; give one source, not { $count }
cli-replace-needs-find = --replace needs --find OLD or --at START..END to say what it replaces
cli-find-empty = --find needs the text to replace; to insert, use --at N..N
cli-find-none = { $old } does not occur in source '{ $source }'; nothing was changed
cli-find-many = { $old } occurs { $count } times in source '{ $source }' (at { $places }); give --at START..END for the one to change; nothing was changed
cli-bad-attribute = '{ $value }' is not an attribute: write it as key=value, e.g. city=Palu
cli-bad-range = '{ $value }' is not a range: write START..END with whole numbers, e.g. 120..245
cli-pseudonymise-empty = --pseudonymise: the project has no pseudonyms yet, so nothing could be replaced and nothing was written; add them with `jalin pseudonyms { $project } add REAL PSEUDONYM` (or `suggest --accept`)
cli-consensus-only-filter = --consensus-only keeps the '{ $coder }' coder's codings; leave out --coder-filter
cli-no-attribute = no source has the attribute '{ $key }', nor does any participant (see `jalin list sources` and `jalin speakers`)
cli-dot-concept-map-only = dot is only for the concept map; use svg or png for the { $kind } chart
cli-heatmap-needs-attribute = the heatmap needs an attribute: --by attr:NAME
cli-bad-review-set = '{ $value }' is not THEME=STATUS, e.g. coordination=confirmed
cli-role-choices = moderator, interviewer, respondent, other or auto
cli-bad-speaker-role = '{ $value }' is not a speaker role: write NAME=ROLE, e.g. "Budi=moderator" (ROLE: { $choices })
cli-bad-role = '{ $role }' in '{ $value }' is not a role: use { $choices }
cli-speaker-attr-example = NAME:KEY=VALUE, e.g. "Pak Hasan:role=prosecutor"
cli-speaker-unset-example = NAME:KEY, e.g. "Pak Hasan:role"
cli-bad-speaker-attr = '{ $value }' is not a participant attribute: write { $example }

## clap's parse errors (the Indonesian replaces clap's English; the
## English here is clap's wording, for completeness)

cli-parse-error = error:
cli-parse-unknown-argument = unexpected argument '{ $arg }' found
cli-parse-unknown-subcommand = unrecognized subcommand '{ $name }'
cli-parse-missing-arguments = the following required arguments were not provided:
cli-parse-missing-subcommand = '{ $name }' requires a subcommand but one was not provided
cli-parse-subcommands = subcommands: { $values }
cli-parse-value-missing = a value is required for '{ $arg }' but none was supplied
cli-parse-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-parse-possible-values = possible values: { $values }
cli-parse-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-parse-wrong-number = { $expected } values required for '{ $arg }' but { $actual } were provided
cli-parse-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-parse-repeated = the argument '{ $arg }' cannot be used multiple times
cli-parse-no-equals = equal sign is needed when assigning values to '{ $arg }'
cli-parse-tip = tip:
cli-parse-tip-value = to pass '{ $arg }' as a value, use '-- { $arg }'
cli-parse-similar-subcommand = a similar subcommand exists: '{ $name }'
cli-parse-similar-argument = a similar argument exists: '{ $name }'
cli-parse-similar-value = a similar value exists: '{ $name }'
cli-parse-try-help = For more information, try '--help'.
cli-no-workbench = this jalin was built without the workbench (feature `gui`); run `jalin --help` for the command line
cli-open-headless = the workbench window is started by the jalin program, not the library: { $path }
cli-codings-where = row { $row } (line { $line })
cli-codings-row = row { $row }: { $guid }
cli-codings-none-saved = nothing was saved: with --one-transaction a bad row leaves the project unchanged
cli-codings-saved-before = the { $saved } codings of the rows before row { $row } were saved (each row is saved on its own); row { $row } and the rows after it were not applied. Fix the row and run the command again: rows already coded are skipped
cli-codings-failed-at = { $at } of { $path } (the { $saved } codings of the rows before it were saved)
cli-codings-nothing-from = nothing from { $path } was saved (--one-transaction)

## jalin bench (numbers come preformatted; the gui bench's ACTION lines
## and action names are not translated: scripts parse them)

cli-bench-cpu = CPU
cli-bench-peak-rss = peak RSS
cli-bench-step-generate = (setup) generate { $docs } documents × { $kb } KiB
cli-bench-step-create-project = create the project
cli-bench-step-import = import { $docs } documents, one transaction each
cli-bench-step-create-codes = create { $codes } codes
cli-bench-step-codings = { $codings } codings, one transaction each
cli-bench-step-baseline = (baseline) raw SQLite, WAL: { $n } single-row insert transactions
cli-bench-step-count-table = per-code count table (CSV)
cli-bench-step-segments = all coded segments (CSV)
cli-bench-step-add-sources = (setup) add { $sources } sources × { $kb } KiB
cli-bench-step-codings-range = (setup) codings { $from }..{ $to }
cli-bench-step-setup-codings = (setup) { $codings } codings
cli-bench-step-open-workbench = (setup) open the workbench, first frames
cli-bench-encrypted = , encrypted
cli-bench-exists = a file already exists there; the bench makes a new project: { $path }
cli-bench-gui-header = workbench, headless: { $codings } codings, { $sources } sources × { $kb } KiB, { $codes } codes, { $rounds } rounds, seed { $seed }
cli-bench-gui-action = { $action }: { $samples } samples, max { $max } ms; thread CPU (scheduler accounting, coarse) p50 { $p50 } ms, p95 { $p95 } ms
cli-bench-a-header = workload A: { $desc }
cli-bench-a-dir = files of { $dir }, { $codes } codes, { $codings } codings, seed { $seed }
cli-bench-a-generated = { $docs } documents × { $kb } KiB, { $codes } codes, { $codings } codings, seed { $seed }, durability { $durability }{ $encrypted }
cli-bench-total = total (without setup)
cli-bench-ratio = codings ÷ raw SQLite baseline (same run)
cli-bench-ratio-cpu = the same on CPU time
cli-bench-b-header = workload B: { $sources } sources × { $kb } KiB, { $codes } codes, seed { $seed }{ $encrypted }
cli-bench-col-codings = codings
cli-bench-col-open-read = open+read
cli-bench-col-frequencies = frequencies
cli-bench-col-triangulation = triangulation
cli-bench-col-tables-total = tables total
cli-bench-col-peak-rss = peak RSS
cli-bench-col-thread-cpu = thread CPU
cli-bench-col-wall = wall
cli-bench-col-store = store
cli-bench-url-no-encrypt = --url compares a plain file with a server: run it without --encrypt
cli-bench-agreement-header = agreement: { $codings } codings by two coders, { $sources } sources × { $kb } KiB, { $codes } codes, seed { $seed } ({ $build } build)
cli-bench-agreement-load = open + read codings
cli-bench-agreement-characters = agreement by characters
cli-bench-agreement-csv = tidy CSV
cli-bench-agreement-total = total: jalin agreement --coders A,B
cli-bench-agreement-sentences = texts + agreement by sentences
cli-bench-agreement-summary = { $codings } codings, { $rows } rows, peak RSS { $rss } MiB
cli-bench-url-server = --url takes a server: postgres://USER@HOST:PORT/DB
cli-bench-need-one = --coders and --codings need at least 1
cli-bench-server-load = { $coders } coder processes × { $codings } codings each, all at once, one transaction per coding
cli-bench-server-at = server: { $server }
cli-bench-unknown = unknown
cli-bench-machine = machine: { $cpus } CPUs, load average { $load } after the runs
cli-bench-store-server = server
cli-bench-store-file = file
cli-bench-table-store = STORE
cli-bench-table-expected = EXPECTED
cli-bench-table-present = PRESENT
cli-bench-table-duplicates = DUPLICATES
cli-bench-table-wall = WALL_S
cli-bench-table-per-second = CODINGS_PER_S
cli-bench-server-ratio = server / file: p50 { $p50 }×, p95 { $p95 }×, wall { $wall }×
cli-bench-lost = codings were lost or doubled (see the table)
cli-bench-url-no-project = --url takes a server without a project: postgres://USER@HOST:PORT/DB
cli-bench-copied = (setup) copied to { $server }: { $secs } s
cli-bench-tables-both = tables on the file and on the server, median of 3 runs:
cli-bench-server-file = server / file: { $total }× (open+read { $load }×)
cli-bench-server-mismatch = the server has { $server } codings and the file { $file }
cli-bench-err-io = cannot write the generated corpus ({ $reason }): { $path }
cli-bench-err-no-files = the folder holds no .txt or .html file to import: { $path }
cli-bench-err-duplicate = '{ $name }' is already in the project, so the workload would not measure an import
cli-bench-err-agreement = the agreement bench stopped: { $reason }
cli-bench-err-gui = the workbench bench stopped: { $reason }
cli-bench-gui-few-rounds = only { $done } of { $rounds } rounds coded a word: { $status }
cli-bench-gui-no-source = the workbench shows no source
cli-bench-gui-no-text = no text drawn in the document view
cli-bench-gui-undo-redo = undo and redo did not give the coding back
cli-bench-gui-memo-focus = could not focus the memo editor
cli-bench-gui-keystroke = a keystroke did not reach the memo
cli-bench-gui-memo-unsaved = the memo was not saved

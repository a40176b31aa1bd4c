# Jalin — reports: titles, column headers, notes, chart labels, review sheets, the loss report (en).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).

## Titles

report-frequencies = Code frequencies
report-frequencies-by = Code frequencies { $by }
grouping-by-kind = by source kind
grouping-by-attr = by { $key }
grouping-by-pair = by { $a } × { $b }
report-triangulation = Triangulation by source kind
report-triangulation-by = Triangulation by source kind, { $by }
report-cooccurrence = Code co-occurrence ({ $mode })
report-cooccurrence-similarity = Code co-occurrence ({ $mode }, similarity)
co-mode-overlap = overlapping codings
co-mode-turn = same speaker turn
co-mode-paragraph = same paragraph
report-matrix-presence = Code × source matrix, presence (1 = coded)
report-matrix-codings = Code × source matrix, codings
report-quotes = Quotes by code
report-segments = Coded segments
report-agreement = Intercoder agreement by { $unit }: { $coders }
report-disagreements = Disagreements: { $a } and { $b }
unit-character = character
unit-sentence = sentence
unit-paragraph = paragraph
unit-turn = turn

## Notes under the tables

note-frequencies-parent = A parent code counts its own codings and all of its sub-codes' (see 'sub-codes').
note-frequencies-respondents = Respondents: each interview is one respondent; each focus-group participant who speaks (not the moderator) is one; documents and observations have none.
note-combined = Cells read "n of N (%)": n coded of the N in the group, percentages rounded half-up to whole numbers.
note-sorted = Codes sorted by codings, most first; sub-codes under their parent.
note-triangulation-status = corroborated: found in two or more kinds of source; single-kind: in one; absent: not coded.
note-triangulation-subtree = A code with sub-codes counts its whole subtree (its own codings and its sub-codes'), so a theme's row has the kinds and status of everything under it.
note-cooccurrence-overlap = Counted: pairs of codings of the two codes that overlap in the same source. Diagonal: the code's codings. Similarity: c-coefficient n12 / (n1 + n2 - n12).
note-cooccurrence-turn = Counted: speaker turns in which both codes are applied (paragraphs in sources without turns). Diagonal: turns with the code. Similarity: Jaccard index.
note-cooccurrence-paragraph = Counted: paragraphs (text between blank lines) in which both codes are applied. Diagonal: paragraphs with the code. Similarity: Jaccard index.
note-matrix = A code's own codings; sub-codes have rows of their own.
note-quotes = Within each code, exemplar quotes come first, then by source and position.
note-filtered = Filtered: { $parts }.
filter-coder = coder { $names }
filter-kind = kind { $kinds }
filter-code = code { $names } (with sub-codes)
filter-no-coder = (none yet)
note-agreement-unit = Unit: { $unit }; a unit counts as coded by a coder when any of its characters is. u_alpha and binary_u_alpha are on the continuum of characters whatever the unit.
note-agreement-two = percent: units both coders coded or both left uncoded ÷ all units. kappa: Cohen (1960). alpha: Krippendorff's α, nominal, code present or absent per unit (2011). u_alpha, binary_u_alpha: Krippendorff's unitized α and |uα (2019, §12.6).
note-agreement-many = percent: per unit, the share of pairs of coders giving it the same value, averaged over units. fleiss_kappa: Fleiss (1971), over the units every coder coded. alpha: Krippendorff's α, nominal, code present or absent per unit (2011). u_alpha, binary_u_alpha: Krippendorff's unitized α and |uα (2019, §12.6).
note-agreement-left-out = A coder with no coding in a source did not code it: { $left } of { $total } sources, coded by fewer than two of the coders, are left out.
note-agreement-rows = Rows are shown where a coder applied the code; (all) counts every source compared, coded or not.
note-agreement-all = Code (all): percent, κ and α pool every code × unit; u_alpha takes the codes as the values of one continuum, binary_u_alpha counts text as coded by any code.
note-agreement-conflict = u_alpha over all codes is left empty: it needs codes that exclude each other, but { $coder }'s codings of '{ $a }' and '{ $b }' overlap in { $source }.
note-agreement-paragraphs = { $count } sources without speaker turns count by paragraphs.
note-agreement-undefined = { $count } values are empty: undefined there, because every unit got the same value from every coder (no variation), so agreement cannot be told from chance.
note-disagreements-who = A = { $a }, B = { $b }, on the { $sources } sources both coded. Two codings of a code match when they overlap at least { $overlap }% of their union; { $matched } matched.
note-disagreements-reviewed = Reviewed: { $decided } of { $total } (decisions are the consensus coder's codings).

## Column headers of the tables people read (CSV keeps the English names)

col-code = code
col-sub-codes = sub-codes
col-codings = codings
col-sources = sources
col-respondents = respondents
col-share = % of { $n } { $unit }
col-of = { $measure } (of { $n })
col-combined = { $measure }, n of { $n } (%)
col-kinds = kinds
col-status = status
col-found-in = found in
col-source = source
col-kind = kind
col-speaker = speaker
col-start = start
col-end = end
col-coder = coder
col-coders = coders
col-quote = quote
col-exemplar = exemplar
col-attribution = attribution
col-attributes = attributes
col-difference = difference
col-overlap = overlap
col-decision = decision
col-units = units
col-percent = percent
col-characters = characters
col-name = name
col-theme = theme
col-note = note
col-count = count
col-similarity = similarity
col-group = group
col-present = present
col-value = value
col-measure = measure

## Cell values

cell-share = { $n } of { $of } ({ $pct }%)
cell-share-group = { $n } of { $of } { $group } ({ $pct }%)
cell-yes = yes
cell-all = (all)
cell-not-set = (not set)
status-corroborated = corroborated
status-single-kind = single-kind
status-absent = absent
decision-open = open
decision-both = both
decision-edited = edited
difference-only = only { $coder }
difference-little-overlap = little overlap

## Charts

chart-frequencies-title = Codings per code, by source kind
chart-heatmap-title = Share of sources coded, { $by }
chart-heatmap-cell = { $code }, { $group }: { $n } of { $of } sources
chart-concept-map-title = Concept map: themes, codes (size = codings) and co-occurrence
chart-coded-directly = { $code } (coded directly)

## Review sheets

review-title = Review sheet: { $session }
review-summary = { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} in { $sources ->
    [one] { $sources } source
   *[other] { $sources } sources
} · status: { $status }
review-exemplars = Exemplar quotes
review-all-segments = All segments
review-note-label = Note:
review-status-pending = pending
review-status-confirmed = confirmed
review-status-disputed = disputed
review-status-revised = revised

## Around the tables (Markdown, HTML, LaTeX, DOCX, XLSX)

report-note = Note: { $note }
report-note-label = Note.
report-table-caption = Table 1.
report-continued = { $caption } (continued)
report-continued-below = continued on the next page
report-latex-parts = The table is too wide for the page and is printed in { $parts } parts, each with the first column.
report-latex-parts-landscape = The table is too wide for the page and is printed in { $parts } parts, each with the first column (--landscape gives fewer parts).
report-latex-dropped = { $count } kind(s) of character that pdflatex cannot print (emoji and other symbols: { $chars }) are left out
report-latex-controls = { $count } kind(s) of control character are left out
report-xlsx-cut = { $count } cell(s) longer than Excel's limit of { $limit } characters are cut, marked "[… cut: …]"; the CSV export has them whole.
report-part = { $title } (part { $part } of { $parts })
chart-co-occurrences = { $count ->
    [one] { $count } co-occurrence
   *[other] { $count } co-occurrences
}

## The REFI-QDA loss report

loss-not-standard = Not standard: the file does not follow the REFI-QDA standard (QDA-XML 1.0); Jalin read what it could:
loss-assumed = Assumed:
loss-nothing = Loss report: nothing was left out.
loss-nothing-else = Loss report: nothing else was left out.
loss-items = Loss report: { $count ->
    [one] { $count } item
   *[other] { $count } items
} not brought in as they were:
loss-unnamed-tool = an unnamed tool
loss-imported = Imported from { $origin }: { $sources ->
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
}, { $attributes ->
    [one] { $attributes } attribute value
   *[other] { $attributes } attribute values
}.

## The merge report (counts as they were printed: "1 codings" kept for scripts)

merge-dry-run = Dry run: nothing was written.
merge-from = From { $path }:
merge-added = added { $sources } sources, { $codes } codes, { $codings } codings, { $memos } memos, { $coders } coders, { $attributes } attribute values, { $pseudonyms } pseudonyms
merge-would-add = would add { $sources } sources, { $codes } codes, { $codings } codings, { $memos } memos, { $coders } coders, { $attributes } attribute values, { $pseudonyms } pseudonyms
merge-matched = matched { $by_guid } sources by GUID, { $by_text } by identical text; { $codes_by_guid } codes by GUID, { $codes_by_path } by path; { $coders } coders
merge-already = already in the target: { $codings } codings, { $memos } memos
merge-no-conflicts = conflicts: none
merge-conflicts = conflicts ({ $count }):
merge-not-merged = not merged ({ $count }):
merge-not-read = not read from the file ({ $count }):

## Columns of listings

col-color = color
col-description = description
col-guid = guid
col-about = about
col-target = target
col-title = title
col-text = text
col-modified = modified
col-turns = turns
col-file = file
col-imported = imported
col-role = role
col-role-set = role set
col-words = words

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
note-agreement-none = { $count } values are empty: no unit was compared, because none of the { $total } sources was coded by at least two of the coders.
note-agreement-no-codings = No codings by { $coders } in these { $total } sources, so nothing of theirs was compared.
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
merge-marked = and marked { $marks } (exemplar quotes, review-board items and coder colours)
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

## Loss report reasons and assumptions (REFI-QDA import)

loss-why-qdc-sets = Jalin has no sets; the codes in them were imported
loss-why-undeclared-variable = it refers to a variable that is not declared ({ $name })
loss-why-case-no-source = it covers no text source Jalin imported; Jalin keeps case variables as attributes of sources
loss-why-case-codes = its codes (case classification by code) were not imported
loss-why-case-speaker = its speaker '{ $label }' does not speak in '{ $source }'
loss-why-code-same-name = another code at the same level has this name (ignoring case and accent encoding); it is called '{ $name }' here
loss-why-code-separator = ' > ' separates code path levels in Jalin; it is called '{ $name }' here
loss-why-duplicate-coding = the same code on the same passage by the same user was given twice; kept once
loss-why-note-codings = codings inside the note were not imported (Jalin memos are not coded)
loss-why-note-targets = the note is attached to { $count } things; a Jalin memo belongs to one, so it is kept on the first
loss-why-set = Jalin has no sets; its { $count ->
    [one] { $count } member was
   *[other] { $count } members were
} imported, the grouping was not
loss-why-link = Jalin has no links between items
loss-why-graph = Jalin has no graphs (network views)
loss-why-user-guid = its GUID is not a GUID; whatever it made is credited to an unknown user
loss-why-guid-twice = its GUID { $guid } is used twice in the file; it was given a new one
loss-why-bad-guid = its GUID is not a GUID; it was given a new one
loss-pdf-regions = { $count ->
    [one] { $count } region
   *[other] { $count } regions
} of '{ $name }'
loss-why-pdf-regions = Jalin keeps the PDF's text, not regions of its pages; { $count ->
    [one] { $count } coding
   *[other] { $count } codings
} on regions were not imported
loss-why-pdf-no-text = it has no plain-text representation, and Jalin keeps text only
loss-why-media = Jalin holds text sources only (no pictures, audio or video); { $selections ->
    [one] { $selections } selection
   *[other] { $selections } selections
} with { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} were not imported
loss-why-media-transcripts = Jalin holds text sources only (no pictures, audio or video); { $selections ->
    [one] { $selections } selection
   *[other] { $selections } selections
} with { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} were not imported; its { $transcripts ->
    [one] { $transcripts } transcript was
   *[other] { $transcripts } transcripts were
} not imported either (their selections are tied to media times)
loss-why-unknown-source = Jalin does not know this kind of source
loss-why-no-text = { $why }; it was imported without text
loss-why-no-text-placed = { $why }; it was imported without text, and its { $selections ->
    [one] { $selections } selection
   *[other] { $selections } selections
} with { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} could not be placed
loss-why-whole-no-text = it codes the whole of '{ $name }', which has no text
loss-why-positions-not-numbers = in '{ $source }': its positions are not whole numbers
loss-why-positions-outside = in '{ $source }': positions { $start }..{ $end } are empty or outside the text ({ $count } characters)
loss-why-selection-uncoded = in '{ $source }': a selection without codes; Jalin keeps coded passages only
loss-why-unknown-code = it refers to a code that is not in the codebook ({ $code })
loss-assume-codes-kept = { $count ->
    [one] { $count } code was already in the project (same GUID, or same name under the same parent) and was kept as it is
   *[other] { $count } codes were already in the project (same GUID, or same name under the same parent) and were kept as they are
}
loss-none = none
loss-assume-case-passages = case '{ $name }' covers passages; its variables were given to their whole sources
loss-assume-set-attribute = the set '{ $name }' was read as the attribute { $key }={ $value } of its sources
loss-assume-kind-variable = in { $count ->
    [one] { $count } source
   *[other] { $count } sources
} the variable 'kind' named a Jalin source kind; it became the source's kind, not an attribute
loss-assume-kind-from-turns = sources without a 'kind' variable were given a kind from their speaker turns (interview, focus group or document)
loss-assume-not-codable = code '{ $name }' is marked not codable there; Jalin codes are all codable

## Where a REFI-QDA file leaves the standard (lines of "Not standard")

loss-conf-times = {" "}({ $count } times)
loss-conf-more = and { $count ->
    [one] { $count } other kind
   *[other] { $count } other kinds
} of deviation
loss-conf-read-anyway = read anyway
loss-conf-not-read = not read
loss-conf-read-as-far = read as far as it could be
loss-conf-ignored = ignored
loss-conf-first-read = only the first was read
loss-conf-read-without = read without it
loss-conf-namespace = namespace '{ $ns }'
loss-conf-no-namespace = no namespace
loss-conf-foreign-namespace = <{ $name }> (and what it holds) is in { $place }, not the standard's '{ $ns }'
loss-conf-elements-in-text = <{ $name }> holds elements where the standard has text only
loss-conf-text-inside = text directly inside <{ $name }>
loss-conf-not-allowed = <{ $child }> is not an element the standard allows inside <{ $name }>
loss-conf-order = <{ $child }> comes after elements the standard puts after it
loss-conf-twice = <{ $child }> appears more than once inside <{ $name }>
loss-conf-missing-element = <{ $name }> has no <{ $child }>, which the standard requires
loss-conf-bad-value = <{ $name }> has { $attr }="{ $value }", which is not { $expected }
loss-conf-foreign-attribute = <{ $name }> has the attribute { $attr } of namespace '{ $ns }', which the standard does not know
loss-conf-unknown-attribute = <{ $name }> has the attribute { $attr }, which the standard does not know
loss-conf-missing-attribute = <{ $name }> has no { $attr }, which the standard requires
loss-conf-value-text = text
loss-conf-value-guid = a GUID
loss-conf-value-integer = a whole number
loss-conf-value-boolean = true or false
loss-conf-value-datetime = a date and time (2019-03-18T10:00:00Z)
loss-conf-value-rgb = a colour #RRGGBB
loss-conf-value-one-of = one of { $values }

## Merge: conflicts and what was not merged

merge-item-coder = coder '{ $name }'
merge-item-review = review item '{ $code }' in session '{ $session }'
merge-item-source = source '{ $name }'
merge-item-code = code '{ $name }'
merge-item-memo = memo '{ $title }'
merge-item-attribute = attribute '{ $key }' of source '{ $source }'
merge-item-speaker = speaker '{ $name }' of source '{ $source }'
merge-item-coding = coding '{ $code }' on source '{ $source }' at { $range }
merge-item-pseudonym = pseudonym of '{ $real }'
loss-why-guid-other-kind = its GUID { $guid } belongs to { $owner } in the project; it was given a new one
merge-item-a-coding = a coding
merge-guid-other-kind = has the GUID { $guid } in { $file }, which is that of { $owner } here
merge-new-guid = it was given a new GUID
merge-called = is called '{ $name }' in { $file }
merge-text-differs = its text differs in { $file }
merge-name-taken = the target has another source of this name, with another text
merge-added-as = added as '{ $name }'
merge-value-differs = is '{ $here }' here and '{ $there }' in { $file }
merge-role-differs = is { $here } here and { $there } in { $file }
merge-participant-differs = participant attribute '{ $key }' is '{ $here }' here and '{ $there }' in { $file }
merge-pseudonym-differs = is '{ $here }' ({ $here_kind }) here and '{ $there }' ({ $there_kind }) in { $file }
merge-pseudonym-refused = '{ $pseudonym }' in { $file }: { $why }
merge-other-parent = has another parent in { $file }
merge-colour-differs = has the colour { $here } here and { $there } in { $file }
merge-review-differs = is { $here } here and { $there } in { $file } (or its note differs)
merge-other-description = has another description in { $file }
merge-text-around-differs = the text around it differs
merge-placed-at = placed at { $range }, where its words are in the target
merge-guid-taken = its GUID is that of the target's coding at { $range } with another code, range or coder
merge-speaker-silent = { $item }: the role and participant attributes from { $file } (the speaker does not speak in the target's text)
merge-coding-not-found = coding '{ $code }' on source '{ $source }' at { $range } ("{ $words }"): its words are not at or near that place in the target's text
merge-memo-orphan = memo '{ $title }': the coding it is about was not merged
merge-keep-name = the target's name is kept
merge-keep-text = the target's text is kept; codings from the other file are placed where their words are found (same or near position), the rest are listed as not merged
merge-keep-value = the target's value is kept
merge-keep-role = the target's role is kept
merge-keep-place = the target's place in the code tree is kept
merge-keep-colour = the target's colour is kept
merge-keep-review = the target's status and note are kept
merge-keep-description = the target's description is kept
merge-keep-coding = the target's coding is kept; this one is not merged
merge-keep-both-memos = both are kept: the other file's is added as a new memo, its title marked '(from FILE)'
merge-keep-pseudonym = the target's pseudonym is kept
merge-keep-table = the target's table is kept; this row is not merged

# Jalin — words shared by every surface (en).
# Glossary: see README "Bahasa Indonesia" for the Indonesian terms.

app-name = Jalin
n-codings = { $count ->
    [one] { $count } coding
   *[other] { $count } codings
}
n-sources = { $count ->
    [one] { $count } source
   *[other] { $count } sources
}
n-codes = { $count ->
    [one] { $count } code
   *[other] { $count } codes
}
n-memos = { $count ->
    [one] { $count } memo
   *[other] { $count } memos
}
kind-interview = interview
kind-focus-group = focus group (FGD)
kind-document = document
kind-observation = observation
kind-label-interview = Interview
kind-label-focus-group = Focus group
kind-label-document = Document
kind-label-observation = Observation
# Speaker roles (src/model/roles.rs).
role-moderator = Moderator
role-interviewer = Interviewer
role-respondent = Respondent
role-other = Other (note-taker, observer)
# Attribute values of the demo study's "role" that read differently in
# each language (matched without case; "_" reads as a space).
value-agency = agency
value-community-leader = community leader
value-religious-leader = religious leader
value-judge = judge
value-prosecutor = prosecutor
value-police = police
value-ngo = NGO
n-respondents = { $count ->
    [one] { $count } respondent
   *[other] { $count } respondents
}
n-passages = { $count ->
    [one] { $count } passage
   *[other] { $count } passages
}
n-coders = { $count ->
    [one] { $count } coder
   *[other] { $count } coders
}
n-speakers = { $count ->
    [one] { $count } speaker
   *[other] { $count } speakers
}
n-quotes = { $count ->
    [one] { $count } quote
   *[other] { $count } quotes
}
role-word-moderator = moderator
role-word-interviewer = interviewer
role-word-respondent = respondent
role-word-other = other

# Pseudonym kinds and why a name is suggested (src/model/pseudonyms.rs).
pseudonym-kind-person = person
pseudonym-kind-place = place
pseudonym-reason-speaker = speaker label
pseudonym-reason-attribute = attribute '{ $key }'
pseudonym-reason-times = { $count ->
    [one] { $count } time in the texts
   *[other] { $count } times in the texts
}
# Where a real name was found in an exported file (src/export/scan.rs).
scan-at-line = line { $line }, column { $column }
scan-in-at-line = { $place }, line { $line }, column { $column }
scan-after-decoding = { $place } (after decoding &-references)
scan-after-latex = { $place } (after decoding LaTeX accent commands)
scan-deleted = { $place }, tracked deletion
scan-attribute = { $part }, attribute { $name } of <{ $tag }>
scan-block = { $part }, <{ $tag }> number { $number }
scan-text-of = { $part }, text of <{ $tag }>
scan-bad-zip = it looks like a zip archive but cannot be read ({ $why })
scan-bad-part = its part { $name } cannot be read ({ $why })
scan-png = it is a PNG image, whose words are pixels and cannot be searched; check the SVG made with the same options instead
scan-pdf = it is a PDF, which Jalin cannot read back reliably; check the file it was made from (the .tex, .docx or .md)
scan-binary = it is a binary file Jalin cannot search
# Members of a team project (src/store/pg_schema.rs).
team-role-lead = lead
team-role-coder = coder
team-role-reader = reader

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

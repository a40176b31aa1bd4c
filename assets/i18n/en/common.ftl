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

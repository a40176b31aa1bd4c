# Jalin — kata yang dipakai di semua bagian (id).
# Glosarium: lihat README "Bahasa Indonesia".

app-name = Jalin
n-codings = { $count } pengodean
n-sources = { $count } sumber
n-codes = { $count } kode
n-memos = { $count } memo
kind-interview = wawancara
kind-focus-group = diskusi kelompok terarah (FGD)
kind-document = dokumen
kind-observation = observasi
kind-label-interview = Wawancara
kind-label-focus-group = Diskusi kelompok terarah (FGD)
kind-label-document = Dokumen
kind-label-observation = Observasi
# Peran penutur (src/model/roles.rs).
role-moderator = Moderator
role-interviewer = Pewawancara
role-respondent = Responden
role-other = Lainnya (notulis, pengamat)
# Nilai atribut "role" pada studi demo.
value-agency = lembaga
value-community-leader = tokoh masyarakat
value-religious-leader = tokoh agama
value-judge = hakim
value-prosecutor = jaksa
value-police = polisi
value-ngo = LSM
n-respondents = { $count } responden
n-passages = { $count } bagian teks
n-coders = { $count } pengode
n-speakers = { $count } penutur
n-quotes = { $count } kutipan
role-word-moderator = moderator
role-word-interviewer = pewawancara
role-word-respondent = responden
role-word-other = lainnya

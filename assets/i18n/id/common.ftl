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

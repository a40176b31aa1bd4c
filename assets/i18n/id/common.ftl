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
# Peran pembicara (src/model/roles.rs).
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
n-speakers = { $count } pembicara
n-quotes = { $count } kutipan
role-word-moderator = moderator
role-word-interviewer = pewawancara
role-word-respondent = responden
role-word-other = lainnya

# Jenis pseudonim dan alasan sebuah nama disarankan.
pseudonym-kind-person = orang
pseudonym-kind-place = tempat
pseudonym-reason-speaker = label pembicara
pseudonym-reason-attribute = atribut '{ $key }'
pseudonym-reason-times = { $count } kali dalam teks
# Tempat nama asli ditemukan dalam berkas ekspor.
scan-at-line = baris { $line }, kolom { $column }
scan-in-at-line = { $place }, baris { $line }, kolom { $column }
scan-after-decoding = { $place } (setelah referensi & diurai)
scan-after-latex = { $place } (setelah perintah aksen LaTeX diurai)
scan-deleted = { $place }, penghapusan terlacak
scan-attribute = { $part }, atribut { $name } dari <{ $tag }>
scan-block = { $part }, <{ $tag }> nomor { $number }
scan-text-of = { $part }, teks dari <{ $tag }>
scan-bad-zip = tampaknya arsip zip tetapi tidak dapat dibaca ({ $why })
scan-bad-part = bagiannya { $name } tidak dapat dibaca ({ $why })
scan-png = ini gambar PNG, yang kata-katanya berupa piksel dan tidak dapat dicari; periksa SVG yang dibuat dengan opsi yang sama
scan-pdf = ini PDF, yang tidak dapat dibaca kembali dengan andal oleh Jalin; periksa berkas asalnya (.tex, .docx, atau .md)
scan-binary = ini berkas biner yang tidak dapat dicari Jalin
# Anggota proyek tim.
team-role-lead = ketua (lead)
team-role-coder = pengode (coder)
team-role-reader = pembaca (reader)

# Jalin — reports: titles, column headers, notes, chart labels, review sheets, the loss report (id).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).

## Judul

report-frequencies = Frekuensi kode
report-frequencies-by = Frekuensi kode { $by }
grouping-by-kind = menurut jenis sumber
grouping-by-attr = menurut { $key }
grouping-by-pair = menurut { $a } × { $b }
report-triangulation = Triangulasi menurut jenis sumber
report-triangulation-by = Triangulasi menurut jenis sumber, { $by }
report-cooccurrence = Kemunculan bersama kode ({ $mode })
report-cooccurrence-similarity = Kemunculan bersama kode ({ $mode }, kemiripan)
co-mode-overlap = pengodean yang bertumpang tindih
co-mode-turn = giliran bicara yang sama
co-mode-paragraph = paragraf yang sama
report-matrix-presence = Matriks kode × sumber, kehadiran (1 = dikodekan)
report-matrix-codings = Matriks kode × sumber, pengodean
report-quotes = Kutipan per kode
report-segments = Segmen berkode
report-agreement = Kesepakatan antarpengode per { $unit }: { $coders }
report-disagreements = Ketidaksepakatan: { $a } dan { $b }
unit-character = karakter
unit-sentence = kalimat
unit-paragraph = paragraf
unit-turn = giliran bicara

## Catatan di bawah tabel

note-frequencies-parent = Kode induk menghitung pengodeannya sendiri dan seluruh pengodean subkodenya (lihat 'subkode').
note-frequencies-respondents = Responden: setiap wawancara adalah satu responden; setiap peserta diskusi kelompok terarah (FGD) yang berbicara (bukan moderator) adalah satu responden; dokumen dan observasi tidak memiliki responden.
note-combined = Sel berbunyi "n dari N (%)": n yang dikodekan dari N dalam kelompok, persentase dengan satu desimal, dibulatkan setengah ke atas.
note-sorted = Kode diurutkan menurut jumlah pengodean, terbanyak lebih dulu; subkode di bawah induknya.
note-triangulation-status = terkonfirmasi: ditemukan pada dua jenis sumber atau lebih; satu jenis: pada satu jenis; tidak ada: tidak dikodekan.
note-triangulation-subtree = Kode yang memiliki subkode menghitung seluruh cabangnya (pengodeannya sendiri dan pengodean subkodenya), sehingga baris sebuah tema memuat jenis sumber dan status semua kode di bawahnya.
note-cooccurrence-overlap = Dihitung: pasangan pengodean kedua kode yang bertumpang tindih dalam sumber yang sama. Diagonal: pengodean kode itu. Kemiripan: koefisien c n12 / (n1 + n2 - n12).
note-cooccurrence-turn = Dihitung: giliran bicara yang memuat kedua kode (paragraf pada sumber tanpa giliran bicara). Diagonal: giliran bicara dengan kode itu. Kemiripan: indeks Jaccard.
note-cooccurrence-paragraph = Dihitung: paragraf (teks di antara baris kosong) yang memuat kedua kode. Diagonal: paragraf dengan kode itu. Kemiripan: indeks Jaccard.
note-matrix = Pengodean milik kode itu sendiri; subkode memiliki barisnya sendiri.
note-quotes = Dalam setiap kode, kutipan contoh didahulukan, lalu menurut sumber dan posisi.
note-filtered = Disaring: { $parts }.
filter-coder = pengode { $names }
filter-kind = jenis { $kinds }
filter-code = kode { $names } (beserta subkode)
filter-no-coder = (belum ada)
note-agreement-unit = Unit: { $unit }; sebuah unit dihitung dikodekan oleh seorang pengode bila salah satu karakternya dikodekan. u_alpha dan binary_u_alpha dihitung pada kontinum karakter, apa pun unitnya.
note-agreement-two = percent: unit yang dikodekan kedua pengode atau sama-sama tidak dikodekan ÷ semua unit. kappa: Cohen (1960). alpha: α Krippendorff, nominal, kode ada atau tidak ada per unit (2011). u_alpha, binary_u_alpha: α terunitisasi Krippendorff dan |uα (2019, §12.6).
note-agreement-many = percent: per unit, bagian pasangan pengode yang memberinya nilai sama, dirata-ratakan atas semua unit. fleiss_kappa: Fleiss (1971), atas unit yang dikodekan semua pengode. alpha: α Krippendorff, nominal, kode ada atau tidak ada per unit (2011). u_alpha, binary_u_alpha: α terunitisasi Krippendorff dan |uα (2019, §12.6).
note-agreement-left-out = Pengode yang tidak memiliki pengodean dalam sebuah sumber dianggap tidak mengodekannya: { $left } dari { $total } sumber, yang dikodekan oleh kurang dari dua pengode, tidak diikutkan.
note-agreement-rows = Baris ditampilkan bila seorang pengode menerapkan kode itu; (semua) menghitung setiap sumber yang dibandingkan, dikodekan atau tidak.
note-agreement-all = Kode (semua): percent, κ dan α menggabungkan setiap kode × unit; u_alpha memperlakukan kode sebagai nilai dari satu kontinum, binary_u_alpha menghitung teks sebagai dikodekan oleh kode mana pun.
note-agreement-conflict = u_alpha atas semua kode dikosongkan: ukuran ini memerlukan kode yang saling meniadakan, tetapi pengodean { $coder } untuk '{ $a }' dan '{ $b }' bertumpang tindih di { $source }.
note-agreement-paragraphs = { $count } sumber tanpa giliran bicara dihitung per paragraf.
note-agreement-undefined = { $count } nilai kosong: tidak terdefinisi di sana, karena setiap unit mendapat nilai yang sama dari setiap pengode (tidak ada variasi), sehingga kesepakatan tidak dapat dibedakan dari kebetulan.
note-agreement-none = { $count } nilai kosong: tidak ada unit yang dibandingkan, karena tidak satu pun dari { $total } sumber dikodekan oleh sedikitnya dua pengode.
note-agreement-no-codings = Tidak ada pengodean oleh { $coders } dalam { $total } sumber ini, sehingga tidak ada darinya yang dibandingkan.
note-disagreements-who = A = { $a }, B = { $b }, pada { $sources } sumber yang dikodekan keduanya. Dua pengodean sebuah kode dianggap cocok bila bertumpang tindih sedikitnya { $overlap }% dari gabungannya; { $matched } cocok.
note-disagreements-reviewed = Ditinjau: { $decided } dari { $total } (keputusan adalah pengodean pengode konsensus).

## Judul kolom tabel untuk dibaca (CSV tetap memakai nama bahasa Inggris)

col-code = kode
col-sub-codes = subkode
col-codings = pengodean
col-sources = sumber
col-respondents = responden
col-share = % dari { $n } { $unit }
col-of = { $measure } (dari { $n })
col-combined = { $measure }, n dari { $n } (%)
col-kinds = jenis
col-status = status
col-found-in = ditemukan pada
col-source = sumber
col-kind = jenis
col-speaker = pembicara
col-start = awal
col-end = akhir
col-coder = pengode
col-coders = pengode
col-quote = kutipan
col-exemplar = contoh
col-attribution = atribusi
col-attributes = atribut
col-difference = perbedaan
col-overlap = tumpang tindih
col-decision = keputusan
col-units = unit
col-percent = persen
col-characters = karakter
col-name = nama
col-theme = tema
col-note = catatan
col-count = jumlah
col-similarity = kemiripan
col-group = kelompok
col-present = ada
col-value = nilai
col-measure = ukuran

## Isi sel

cell-share = { $n } dari { $of } ({ $pct }%)
cell-share-group = { $n } dari { $of } { $group } ({ $pct }%)
cell-yes = ya
cell-all = (semua)
cell-not-set = (belum diisi)
status-corroborated = terkonfirmasi
status-single-kind = satu jenis
status-absent = tidak ada
decision-open = terbuka
decision-both = keduanya
decision-edited = disunting
difference-only = hanya { $coder }
difference-little-overlap = sedikit tumpang tindih

## Grafik

chart-frequencies-title = Pengodean per kode, menurut jenis sumber
chart-heatmap-title = Persentase sumber yang dikodekan, { $by }
chart-heatmap-cell = { $code }, { $group }: { $n } dari { $of } sumber
chart-concept-map-title = Peta konsep: tema, kode (ukuran = pengodean) dan kemunculan bersama
chart-coded-directly = { $code } (dikodekan langsung)

## Lembar tinjauan

review-title = Lembar tinjauan: { $session }
review-summary = { $codings } pengodean dalam { $sources } sumber · status: { $status }
review-exemplars = Kutipan contoh
review-all-segments = Semua segmen
review-note-label = Catatan:
review-status-pending = menunggu
review-status-confirmed = dikonfirmasi
review-status-disputed = diperdebatkan
review-status-revised = direvisi

## Di sekitar tabel (Markdown, HTML, LaTeX, DOCX, XLSX)

report-note = Catatan: { $note }
report-note-label = Catatan.
report-table-caption = Tabel 1.
report-continued = { $caption } (lanjutan)
report-continued-below = bersambung ke halaman berikutnya
report-latex-parts = Tabel terlalu lebar untuk halaman dan dicetak dalam { $parts } bagian, masing-masing dengan kolom pertama.
report-latex-parts-landscape = Tabel terlalu lebar untuk halaman dan dicetak dalam { $parts } bagian, masing-masing dengan kolom pertama (--landscape menghasilkan lebih sedikit bagian).
report-latex-dropped = { $count } jenis karakter yang tidak dapat dicetak pdflatex (emoji dan simbol lain: { $chars }) dihilangkan
report-latex-controls = { $count } jenis karakter kendali dihilangkan
report-xlsx-cut = { $count } sel yang melebihi batas Excel sebesar { $limit } karakter dipotong dan ditandai "[… cut: …]"; ekspor CSV memuatnya secara utuh.
report-part = { $title } (bagian { $part } dari { $parts })
chart-co-occurrences = { $count } kemunculan bersama

## Laporan kehilangan REFI-QDA

loss-not-standard = Tidak standar: berkas tidak mengikuti standar REFI-QDA (QDA-XML 1.0); Jalin membaca apa yang dapat dibacanya:
loss-assumed = Diasumsikan:
loss-nothing = Laporan kehilangan: tidak ada yang ditinggalkan.
loss-nothing-else = Laporan kehilangan: tidak ada lagi yang ditinggalkan.
loss-items = Laporan kehilangan: { $count } butir tidak dibawa masuk seperti aslinya:
loss-unnamed-tool = perangkat lunak tanpa nama
loss-imported = Diimpor dari { $origin }: { $sources } sumber, { $codes } kode, { $codings } pengodean, { $memos } memo, { $coders } pengode, { $attributes } nilai atribut.

## Laporan penggabungan

merge-dry-run = Uji coba: tidak ada yang ditulis.
merge-from = Dari { $path }:
merge-added = ditambahkan { $sources } sumber, { $codes } kode, { $codings } pengodean, { $memos } memo, { $coders } pengode, { $attributes } nilai atribut, { $pseudonyms } pseudonim
merge-marked = dan menandai { $marks } (kutipan teladan, butir papan tinjauan, dan warna pengode)
merge-would-add = akan ditambahkan { $sources } sumber, { $codes } kode, { $codings } pengodean, { $memos } memo, { $coders } pengode, { $attributes } nilai atribut, { $pseudonyms } pseudonim
merge-matched = dicocokkan { $by_guid } sumber menurut GUID, { $by_text } menurut teks yang identik; { $codes_by_guid } kode menurut GUID, { $codes_by_path } menurut jalur; { $coders } pengode
merge-already = sudah ada di target: { $codings } pengodean, { $memos } memo
merge-no-conflicts = konflik: tidak ada
merge-conflicts = konflik ({ $count }):
merge-not-merged = tidak digabungkan ({ $count }):
merge-not-read = tidak dibaca dari berkas ({ $count }):

## Kolom daftar

col-color = warna
col-description = deskripsi
col-guid = guid
col-about = tentang
col-target = sasaran
col-title = judul
col-text = teks
col-modified = diubah
col-turns = giliran bicara
col-file = berkas
col-imported = diimpor
col-role = peran
col-role-set = peran ditetapkan
col-words = kata

## Alasan dan asumsi laporan kehilangan (impor REFI-QDA)

loss-why-qdc-sets = Jalin tidak memiliki set; kode di dalamnya diimpor
loss-why-undeclared-variable = merujuk variabel yang tidak dideklarasikan ({ $name })
loss-why-case-no-source = tidak mencakup sumber teks yang diimpor Jalin; Jalin menyimpan variabel kasus sebagai atribut sumber
loss-why-case-codes = kodenya (klasifikasi kasus menurut kode) tidak diimpor
loss-why-case-speaker = pembicaranya '{ $label }' tidak berbicara dalam '{ $source }'
loss-why-code-same-name = kode lain pada tingkat yang sama memiliki nama ini (tanpa memandang huruf besar/kecil dan pengodean aksen); di sini namanya '{ $name }'
loss-why-code-separator = ' > ' memisahkan tingkat jalur kode di Jalin; di sini namanya '{ $name }'
loss-why-duplicate-coding = kode yang sama pada bagian teks yang sama oleh pengguna yang sama diberikan dua kali; disimpan sekali
loss-why-note-codings = pengodean di dalam catatan tidak diimpor (memo Jalin tidak dikodekan)
loss-why-note-targets = catatan ini melekat pada { $count } hal; memo Jalin hanya milik satu hal, jadi disimpan pada yang pertama
loss-why-set = Jalin tidak memiliki set; { $count } anggotanya diimpor, pengelompokannya tidak
loss-why-link = Jalin tidak memiliki tautan antarbutir
loss-why-graph = Jalin tidak memiliki graf (tampilan jaringan)
loss-why-user-guid = GUID-nya bukan GUID; semua yang dibuatnya dicatat atas nama pengguna yang tidak dikenal
loss-why-guid-twice = GUID-nya { $guid } dipakai dua kali dalam berkas; diberi GUID baru
loss-why-bad-guid = GUID-nya bukan GUID; diberi GUID baru
loss-pdf-regions = { $count } wilayah dari '{ $name }'
loss-why-pdf-regions = Jalin menyimpan teks PDF, bukan wilayah halamannya; { $count } pengodean pada wilayah tidak diimpor
loss-why-pdf-no-text = tidak memiliki representasi teks biasa, dan Jalin hanya menyimpan teks
loss-why-media = Jalin hanya menyimpan sumber teks (tanpa gambar, audio, atau video); { $selections } seleksi dengan { $codings } pengodean tidak diimpor
loss-why-media-transcripts = Jalin hanya menyimpan sumber teks (tanpa gambar, audio, atau video); { $selections } seleksi dengan { $codings } pengodean tidak diimpor; { $transcripts } transkripnya juga tidak diimpor (seleksinya terikat pada waktu media)
loss-why-unknown-source = Jalin tidak mengenal jenis sumber ini
loss-why-no-text = { $why }; diimpor tanpa teks
loss-why-no-text-placed = { $why }; diimpor tanpa teks, dan { $selections } seleksinya dengan { $codings } pengodean tidak dapat ditempatkan
loss-why-whole-no-text = mengodekan seluruh '{ $name }', yang tidak memiliki teks
loss-why-positions-not-numbers = dalam '{ $source }': posisinya bukan bilangan bulat
loss-why-positions-outside = dalam '{ $source }': posisi { $start }..{ $end } kosong atau di luar teks ({ $count } karakter)
loss-why-selection-uncoded = dalam '{ $source }': seleksi tanpa kode; Jalin hanya menyimpan bagian teks yang dikodekan
loss-why-unknown-code = merujuk kode yang tidak ada dalam buku kode ({ $code })
loss-assume-codes-kept = { $count } kode sudah ada dalam proyek (GUID yang sama, atau nama yang sama di bawah induk yang sama) dan dibiarkan apa adanya
loss-none = tidak ada
loss-assume-case-passages = kasus '{ $name }' mencakup bagian teks; variabelnya diberikan kepada seluruh sumbernya
loss-assume-set-attribute = set '{ $name }' dibaca sebagai atribut { $key }={ $value } dari sumber-sumbernya
loss-assume-kind-variable = dalam { $count } sumber variabel 'kind' menyebut jenis sumber Jalin; variabel itu menjadi jenis sumber, bukan atribut
loss-assume-kind-from-turns = sumber tanpa variabel 'kind' diberi jenis menurut giliran bicaranya (wawancara, diskusi kelompok terarah, atau dokumen)
loss-assume-not-codable = kode '{ $name }' ditandai tidak dapat dikodekan di sana; semua kode Jalin dapat dikodekan

## Tempat berkas REFI-QDA menyimpang dari standar (baris "Tidak standar")

loss-conf-times = {" "}({ $count } kali)
loss-conf-more = dan { $count } jenis penyimpangan lain
loss-conf-read-anyway = tetap dibaca
loss-conf-not-read = tidak dibaca
loss-conf-read-as-far = dibaca sejauh mungkin
loss-conf-ignored = diabaikan
loss-conf-first-read = hanya yang pertama dibaca
loss-conf-read-without = dibaca tanpanya
loss-conf-namespace = namespace '{ $ns }'
loss-conf-no-namespace = tanpa namespace
loss-conf-foreign-namespace = <{ $name }> (beserta isinya) berada dalam { $place }, bukan '{ $ns }' milik standar
loss-conf-elements-in-text = <{ $name }> berisi elemen padahal standar hanya mengizinkan teks
loss-conf-text-inside = teks langsung di dalam <{ $name }>
loss-conf-not-allowed = <{ $child }> bukan elemen yang diizinkan standar di dalam <{ $name }>
loss-conf-order = <{ $child }> muncul setelah elemen yang menurut standar harus berada sesudahnya
loss-conf-twice = <{ $child }> muncul lebih dari sekali di dalam <{ $name }>
loss-conf-missing-element = <{ $name }> tidak memiliki <{ $child }>, yang diwajibkan standar
loss-conf-bad-value = <{ $name }> memiliki { $attr }="{ $value }", yang bukan { $expected }
loss-conf-foreign-attribute = <{ $name }> memiliki atribut { $attr } dari namespace '{ $ns }', yang tidak dikenal standar
loss-conf-unknown-attribute = <{ $name }> memiliki atribut { $attr }, yang tidak dikenal standar
loss-conf-missing-attribute = <{ $name }> tidak memiliki { $attr }, yang diwajibkan standar
loss-conf-value-text = teks
loss-conf-value-guid = sebuah GUID
loss-conf-value-integer = bilangan bulat
loss-conf-value-boolean = true atau false
loss-conf-value-datetime = tanggal dan waktu (2019-03-18T10:00:00Z)
loss-conf-value-rgb = warna #RRGGBB
loss-conf-value-one-of = salah satu dari { $values }

## Penggabungan: konflik dan yang tidak digabungkan

merge-item-coder = pengode '{ $name }'
merge-item-review = butir tinjauan '{ $code }' di sesi '{ $session }'
merge-item-source = sumber '{ $name }'
merge-item-code = kode '{ $name }'
merge-item-memo = memo '{ $title }'
merge-item-attribute = atribut '{ $key }' dari sumber '{ $source }'
merge-item-speaker = pembicara '{ $name }' dari sumber '{ $source }'
merge-item-coding = pengodean '{ $code }' pada sumber '{ $source }' di { $range }
merge-item-pseudonym = pseudonim untuk '{ $real }'
loss-why-guid-other-kind = GUID-nya { $guid } milik { $owner } dalam proyek; diberi GUID baru
merge-item-a-coding = sebuah pengodean
merge-guid-other-kind = ber-GUID { $guid } di { $file }, yang di sini milik { $owner }
merge-new-guid = diberi GUID baru
merge-called = bernama '{ $name }' di { $file }
merge-text-differs = teksnya berbeda di { $file }
merge-name-taken = target sudah memiliki sumber lain dengan nama ini, dengan teks yang lain
merge-added-as = ditambahkan sebagai '{ $name }'
merge-value-differs = bernilai '{ $here }' di sini dan '{ $there }' di { $file }
merge-role-differs = berperan { $here } di sini dan { $there } di { $file }
merge-participant-differs = atribut partisipan '{ $key }' bernilai '{ $here }' di sini dan '{ $there }' di { $file }
merge-pseudonym-differs = bernilai '{ $here }' ({ $here_kind }) di sini dan '{ $there }' ({ $there_kind }) di { $file }
merge-pseudonym-refused = '{ $pseudonym }' di { $file }: { $why }
merge-other-parent = memiliki induk lain di { $file }
merge-colour-differs = berwarna { $here } di sini dan { $there } di { $file }
merge-review-differs = berstatus { $here } di sini dan { $there } di { $file } (atau catatannya berbeda)
merge-other-description = memiliki deskripsi lain di { $file }
merge-text-around-differs = teks di sekitarnya berbeda
merge-placed-at = ditempatkan di { $range }, tempat kata-katanya berada di target
merge-guid-taken = GUID-nya sama dengan pengodean target di { $range } yang kode, rentang, atau pengodenya lain
merge-speaker-silent = { $item }: peran dan atribut partisipan dari { $file } (pembicara tidak berbicara dalam teks target)
merge-coding-not-found = pengodean '{ $code }' pada sumber '{ $source }' di { $range } ("{ $words }"): kata-katanya tidak ada di tempat itu atau di dekatnya dalam teks target
merge-memo-orphan = memo '{ $title }': pengodean yang dibahasnya tidak digabungkan
merge-keep-name = nama target dipertahankan
merge-keep-text = teks target dipertahankan; pengodean dari berkas lain ditempatkan di tempat kata-katanya ditemukan (posisi yang sama atau dekat), sisanya dicantumkan sebagai tidak digabungkan
merge-keep-value = nilai target dipertahankan
merge-keep-role = peran target dipertahankan
merge-keep-place = tempat target dalam pohon kode dipertahankan
merge-keep-colour = warna target dipertahankan
merge-keep-review = status dan catatan target dipertahankan
merge-keep-description = deskripsi target dipertahankan
merge-keep-coding = pengodean target dipertahankan; yang ini tidak digabungkan
merge-keep-both-memos = keduanya dipertahankan: memo dari berkas lain ditambahkan sebagai memo baru, judulnya ditandai '(from FILE)'
merge-keep-pseudonym = pseudonim target dipertahankan
merge-keep-table = tabel target dipertahankan; baris ini tidak digabungkan

# Jalin — the command line: help texts and messages (id).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).

## Kata-kata clap sendiri

cli-heading-usage = Penggunaan:
cli-heading-options = Opsi
cli-heading-arguments = Argumen
cli-heading-commands = Perintah
cli-help-flag = Tampilkan bantuan
cli-version-flag = Tampilkan versi

## Pesan

cli-error = galat: { $message }
cli-warning = peringatan: { $message }
cli-wrote = { $path } ditulis
cli-reader-stopped = program yang membacanya berhenti lebih awal
cli-output-failed = keluaran standar tidak dapat ditulis ({ $why })
cli-output-lost = keluaran standar tidak dapat ditulis ({ $why }): { $lines } baris hilang, tetapi perintah tidak berhenti karenanya
cli-output-lost-finished = keluaran standar tidak dapat ditulis ({ $why }): { $lines } baris hilang, tetapi perintah tidak berhenti karenanya; perintah selesai, dan baris terakhirnya: { $last }

## Bantuan baris perintah

cli-about = Pengodean wawancara kualitatif: merajut wawancara, diskusi kelompok terarah (FGD), dokumen, dan catatan lapangan menjadi satu himpunan bukti yang dikodekan.
cli-about-new = Buat proyek baru yang kosong: sebuah berkas, atau proyek tim di server PostgreSQL (postgres://PENGGUNA@HOST:PORT/DB?project=NAMA)
cli-about-import = Impor berkas atau folder sebagai sumber: .txt .md .docx .odt .pdf .html .vtt .srt .csv (sebuah folder: setiap berkas seperti itu di dalamnya)
cli-about-codes = Kelola buku kode
cli-about-codes-add = Buat kode
cli-about-codes-list = Tampilkan buku kode beserta jumlahnya
cli-about-codes-rename = Ganti nama kode
cli-about-codes-recolor = Ubah warna kode
cli-about-codes-describe = Tetapkan deskripsi kode
cli-about-codes-move = Pindahkan kode ke bawah kode lain (--parent) atau ke tingkat teratas (--top)
cli-about-codes-merge = Gabungkan sebuah kode ke kode lain: pengodean, subkode, dan memonya ikut pindah
cli-about-codes-delete = Hapus kode beserta subkode dan pengodeannya
cli-about-code = Terapkan kode pada rentang (--range), pada setiap kecocokan pola (--match), atau terapkan pengodean yang tercantum dalam berkas CSV (--from)
cli-about-uncode = Hapus pengodean menurut GUID-nya (seperti yang dicetak `jalin list codings`)
cli-about-list = Tampilkan daftar sumber, kode, pengodean, atau memo
cli-about-list-sources = Setiap sumber: nama, jenis, panjang, giliran bicara, pengodean, atribut, berkas
cli-about-list-codes = Buku kode: jalur, jumlah, warna, dan deskripsi setiap kode
cli-about-list-codings = Setiap segmen berkode: GUID, sumber, kode, rentang, pengode, penutur, atribut, dan teks yang dikutip
cli-about-list-memos = Setiap memo beserta hal yang dibahasnya
cli-about-show = Cetak teks sumber yang tersimpan
cli-about-source = Ubah nama, jenis, atau atribut sumber (jenis dan atribut beberapa sumber sekaligus), atau koreksi teksnya (--find/--at dengan --replace); pengodean ikut berpindah bersama kata-katanya
cli-about-speakers = Tampilkan penutur sebuah sumber beserta peran, giliran bicara, dan jumlah katanya; tetapkan peran (--role) dan atribut peserta sendiri (--attr)
cli-about-memo = Tulis memo tentang proyek, sumber, kode, atau pengodean
cli-about-report = Tabel untuk makalah: frekuensi, triangulasi, kemunculan bersama, matriks, kutipan
cli-about-report-frequencies = Per kode (beserta subkodenya): pengodean, sumber, responden, dan persentasenya; dipilah dengan --by
cli-about-report-triangulation = Kode × jenis sumber: pengodean dan sumber per jenis, dan apakah terkonfirmasi; --by attr:NAMA juga memilah menurut atribut itu
cli-about-report-cooccurrence = Kode × kode: seberapa sering kode muncul bersama
cli-about-report-matrix = Kode × sumber: pengodean per sumber, atau 0/1 dengan --presence
cli-about-report-quotes = Per kode, kutipannya beserta atribusi; kutipan contoh didahulukan
cli-about-chart = Gambar: batang frekuensi, peta panas, peta konsep
cli-about-chart-frequencies = Batang frekuensi kode, bertumpuk menurut jenis sumber
cli-about-chart-heatmap = Kode × nilai atribut (--by attr:NAMA), diarsir menurut persentase sumber yang dikodekan
cli-about-chart-concept-map = Tema, kode yang ukurannya menurut frekuensi, dan kemunculan bersama sebagai garis berbobot
cli-about-review = Papan tinjauan FGD: tetapkan status sebuah tema, atau ekspor lembar tinjauan
cli-about-agreement = Kesepakatan antarpengode per kode × sumber: persen, κ Cohen (κ Fleiss untuk lebih dari dua pengode), α Krippendorff, uα dan |uα
cli-about-exemplar = Tandai pengodean (menurut GUID) sebagai kutipan contoh, atau hapus tandanya
cli-about-backup = Tulis salinan proyek yang konsisten ke berkas baru (aman selama workbench membukanya; pencadangan daring SQLite)
cli-about-demo = Buat proyek berisi studi demo bawaan
cli-about-merge = Gabungkan proyek lain (.jalin, atau .qdpx dari perangkat lunak lain) ke TARGET: sumber menurut GUID atau teks yang identik, kode menurut GUID atau jalur, pengodean disatukan; satu transaksi untuk semua berkas; mencetak laporan penggabungan
cli-about-open = Buka proyek di jendela workbench (`jalin` saja membuka proyek terakhir)
cli-about-qdpx = Pertukaran proyek REFI-QDA (.qdpx) dengan NVivo, ATLAS.ti, MAXQDA, QualCoder
cli-about-qdpx-import = Impor .qdpx ke berkas proyek BARU (PROYEK belum boleh ada); mencetak laporan kehilangan
cli-about-qdpx-export = Ekspor proyek sebagai .qdpx
cli-about-qdc = Pertukaran buku kode REFI-QDA (.qdc)
cli-about-qdc-import = Tambahkan kode dari buku kode .qdc ke proyek (kode yang sudah ada dipertahankan)
cli-about-qdc-export = Ekspor buku kode proyek sebagai .qdc
cli-about-coders = Pengode proyek: tampilkan, tambah, ganti nama, atau tetapkan warnanya
cli-about-coders-list = Setiap pengode beserta warna dan jumlah pengodean serta memonya
cli-about-coders-add = Tambah pengode
cli-about-coders-rename = Ganti nama pengode (pengodean dan memonya ikut)
cli-about-coders-color = Tetapkan warna pengode (#RRGGBB)
cli-about-disagreements = Tempat dua pengode berbeda, per kode (dikodekan oleh satu pengode saja, atau oleh keduanya dengan sedikit tumpang tindih), beserta keputusan tinjauan (pengodean pengode konsensus)
cli-about-blind = Pengodean buta: selama aktif, laporan setiap pengode hanya menampilkan pengodeannya sendiri
cli-arg--coder = Siapa yang mengodekan: disimpan bersama setiap pengodean dan memo. Bawaannya $JALIN_CODER, jika tidak ada nama login Anda. Dalam laporan dan grafik hanya pengodean pengode itu yang dipakai
cli-arg--lang = Bahasa pesan, bantuan, tabel, dan workbench: en atau id (Bahasa Indonesia). Bawaannya $JALIN_LANG, jika tidak ada bahasa yang dipilih di Tampilan ▸ Bahasa pada workbench, jika tidak ada locale sistem
cli-arg-import--speaker-column = CSV: kolom yang memuat penutur (bawaan: kolom bernama speaker, name, …)
cli-arg-import--text-column = CSV: kolom yang memuat kata-kata (bawaan: text, transcript, utterance, …)
cli-arg-import--time-column = CSV: kolom yang memuat waktu (bawaan: time, timestamp, start, …)
cli-arg-import--tags-column = CSV: kolom tag (dipisahkan ;) yang menjadi kode pada kata-kata setiap baris
cli-arg-import--kind = Jenis setiap sumber yang diimpor (menggantikan front matter berkas)
cli-arg-import--attrs = Atribut untuk setiap sumber yang diimpor, mis. --attr city=Palu (dapat diulang)
cli-arg-import--force = Tetap impor meskipun teks yang sama sudah ada di proyek
cli-arg-import--keep-entities = CSV: biarkan entitas HTML dalam sel (&amp;, &#8212;) seperti tertulis alih-alih mengurainya
cli-arg-codes-add--parent = Kode induk (nama, jalur, atau GUID)
cli-arg-codes-add--color = #RRGGBB; bawaannya warna palet berikutnya
cli-arg--format = csv adalah tabel panjang yang rapi (tidy); csv-wide tabel seperti dicetak
cli-arg--out = Tulis ke berkas ini alih-alih keluaran standar
cli-arg--landscape = LaTeX: letakkan tabel pada halaman lanskap (memerlukan paket pdflscape)
cli-arg--standalone = LaTeX: tulis dokumen lengkap (termasuk preambul) yang dapat dikompilasi sendiri
cli-arg--bom = CSV: awali dengan penanda urutan bita UTF-8, agar Excel di Windows membaca aksen dengan benar
cli-arg-codes-delete--dry-run = Hanya sebutkan apa yang akan dihapus
cli-arg-code--code = Kode: namanya, jalurnya (induk > anak), atau GUID
cli-arg-code--source = Sumber (nama atau GUID). Dengan --match, membatasi pencarian (dapat diulang)
cli-arg-code--range = Rentang titik kode AWAL..AKHIR (akhir tidak termasuk), seperti yang dicetak `jalin list codings`
cli-arg-code--pattern = Ekspresi reguler; setiap kecocokan dikodekan
cli-arg-code--unit = Seberapa banyak teks di sekitar setiap kecocokan yang dikodekan
cli-arg-code--ignore-case = Cocokkan tanpa memperhatikan huruf besar/kecil
cli-arg-code--from = Berkas CSV berisi pengodean dengan kolom source, code, start, end (titik kode, akhir tidak termasuk) dan opsional coder; setiap baris disimpan dalam transaksinya sendiri
cli-arg-code--one-transaction = Dengan --from: simpan semua baris dalam satu transaksi, sehingga satu baris yang salah membuat proyek tidak berubah
cli-arg-list-codings--code = Hanya pengodean dengan kode ini
cli-arg-list-codings--source = Hanya pengodean dalam sumber ini
cli-arg-source--sources = Satu sumber, atau beberapa untuk --kind, --attr, dan --unset (semua diubah dalam satu transaksi). Nama yang diawali `-` ditulis setelah `--`
cli-arg-source--attrs = Tetapkan atribut, mis. --attr role=judge (dapat diulang)
cli-arg-source--unset = Hapus atribut (dapat diulang)
cli-arg-source--find = Koreksi teks: ganti satu-satunya tempat LAMA muncul (harus muncul tepat sekali; jika tidak pakai --at) dengan --replace
cli-arg-source--at = Koreksi teks: ganti titik kode AWAL..AKHIR (akhir tidak termasuk, seperti rentang yang dicetak `jalin list codings`) dengan --replace
cli-arg-source--replace = Teks koreksi untuk --find atau --at (boleh kosong: menghapus)
cli-arg-speakers--roles = Tetapkan peran penutur: NAMA=moderator|interviewer|respondent|other, atau NAMA=auto untuk peran yang dikenali dari labelnya (dapat diulang). Hanya responden yang dihitung dalam "% responden"
cli-arg-speakers--attrs = Tetapkan atribut peserta sendiri: NAMA:KUNCI=NILAI, mis. --attr "Pak Hasan:role=prosecutor" (dapat diulang). Kutipan menyebutnya dan tabel responden mengelompokkan menurutnya sebelum atribut sumber
cli-arg-speakers--unset = Hapus atribut peserta: NAMA:KUNCI (dapat diulang)
cli-arg-memo--coding = GUID sebuah pengodean
cli-arg-report--by = Pilah menurut jenis sumber (kind), satu atribut (attr:NAMA), atau dua (attr:NAMA,attr:NAMA)
cli-arg--coders = Hanya pengodean oleh pengode ini (dapat diulang)
cli-arg--consensus-only = Hanya pengodean oleh pengode `consensus` (pengodean yang disepakati)
cli-arg--kinds = Hanya sumber berjenis ini (dapat diulang)
cli-arg-report--wheres = Hanya sumber dengan nilai atribut ini, mis. --where city=Palu (dapat diulang)
cli-arg--codes = Hanya kode ini beserta subkodenya (dapat diulang)
cli-arg-report--cells = separate: satu kolom jumlah dan satu kolom %; combined: "7 dari 10 (70,0%)" dalam satu sel
cli-arg-report--sort = urutan buku kode (codebook), atau frekuensi (frequency: pengodean terbanyak lebih dulu, subkode di bawah induknya)
cli-arg-report-cooccurrence--unit = Apa yang dihitung sebagai bersama: overlap (pengodean bertumpang tindih), turn (giliran bicara yang sama), atau paragraph
cli-arg-report-cooccurrence--jaccard = Tampilkan kemiripan (koefisien c untuk overlap, Jaccard untuk turn/paragraph) alih-alih jumlah
cli-arg-report-quotes--cite = Atribut yang membentuk atribusi, berurutan
cli-arg-report-quotes--exemplars-only = Hanya kutipan yang ditandai sebagai contoh
cli-arg-report-quotes--columns = Kolom-kolomnya, berurutan, dari code, exemplar, attribution, quote, source, kind, speaker, start, end, coder (bawaan: semua)
cli-arg-chart--format = Format gambar (dot hanya untuk peta konsep)
cli-arg-chart--by = Untuk peta panas: atributnya (attr:NAMA atau attr:NAMA,attr:NAMA)
cli-arg-chart--unit = Untuk peta konsep: apa yang menghubungkan dua kode: overlap, turn (giliran bicara yang sama), atau paragraph
cli-arg-chart--wheres = Hanya sumber dengan nilai atribut ini (dapat diulang)
cli-arg-review--session = Sesi tinjauan, mis. "FGD Pakar"
cli-arg-review--set = Letakkan tema di papan dengan sebuah status: TEMA=pending|confirmed|disputed|revised
cli-arg-review--note = Catatan fasilitator, dengan --set
cli-arg-review--format = Format lembar tinjauan
cli-arg-agreement--coders = Pengode yang dibandingkan, dipisahkan koma (sedikitnya dua; untuk κ Cohen yang pertama adalah pengode A)
cli-arg-agreement--unit = Apa satu unit itu: character, sentence, paragraph, atau turn (sebuah unit dihitung dikodekan bila salah satu karakternya dikodekan)
cli-arg-backup--out = Berkas baru; tidak pernah menimpa berkas yang sudah ada
cli-arg-backup--repair = Tinggalkan trigger, view, tabel, dan indeks yang tidak dibuat Jalin, bangun ulang indeks Jalin sendiri, dan putuskan lingkaran induk kode (untuk proyek yang ditolak Jalin karena diutak-atik atau rusak)
cli-arg-merge--project = Proyek tujuan penggabungan (TARGET)
cli-arg-merge--others = Proyek yang digabungkan; masing-masing hanya dibaca
cli-arg-merge--dry-run = Tampilkan laporan tanpa menulis apa pun
cli-arg-qdpx-export--group-selections = Pengodean pada bagian teks yang sama berbagi satu seleksi (REFI-QDA yang sah, tetapi pembaca yang lebih sederhana hanya melihat pengodean pertama). Bawaannya setiap pengodean memiliki seleksinya sendiri
cli-arg-coders-add--color = #RRGGBB; bawaannya satu warna dari palet
cli-arg-disagreements--coders = Dua pengode yang dibandingkan, A,B
cli-arg-disagreements--min-overlap = Dua pengodean sebuah kode dianggap cocok bila bertumpang tindih sedikitnya persentase ini dari gabungannya (1–100)

## Yang dilaporkan perintah

cli-created = { $path } dibuat
cli-created-encrypted = { $path } dibuat (terenkripsi)
cli-created-team = proyek tim { $location } dibuat
cli-demo-created = { $path } dibuat dengan studi demo: { $sources } sumber, { $codes } kode, { $codings } pengodean ({ $second } di antaranya oleh pengode kedua), { $memos } memo
cli-imported = { $path } diimpor sebagai '{ $name }' ({ $kind }, { $chars } karakter, { $turns } giliran bicara)
cli-import-speakers = { "  " }penutur: { $speakers }
cli-note = catatan: { $message }
cli-import-duplicate = dilewati, teks yang sama sudah ada di proyek sebagai '{ $existing }' (pakai --force untuk mengimpornya lagi): { $path }
cli-import-empty-folder = folder ini tidak memuat berkas yang dapat diimpor Jalin: { $path }
cli-import-summary = { $added } diimpor, { $duplicates } dilewati karena duplikat, { $failed } gagal, { $skipped } dilewati (tercantum di atas)
cli-coded = { $made } bagian teks dalam { $sources } sumber dikodekan dengan '{ $code }' ({ $already } sudah dikodekan)
cli-coded-from = { $saved } bagian teks dari { $file } dikodekan ({ $already } baris sudah dikodekan, dilewati)
cli-removed = { $guid } dihapus
cli-code-renamed = '{ $old }' diganti namanya menjadi '{ $new }'
cli-code-color = '{ $name }' sekarang berwarna { $color }
cli-code-moved = dipindahkan ke '{ $path }'
cli-code-merged = '{ $from }' digabungkan ke '{ $into }': { $moved } pengodean dipindahkan, { $dropped } duplikat dibuang, { $subs } subkode dipindahkan
cli-code-deleted = '{ $name }' dihapus beserta { $subs } subkode, { $codings } pengodean, dan { $memos } memo
cli-code-would-delete = '{ $name }' akan dihapus beserta { $subs } subkode, { $codings } pengodean, dan { $memos } memo
cli-qdpx-wrote = { $path } ditulis: { $sources } sumber, { $codes } kode, { $codings } pengodean, { $memos } memo
cli-created-from = { $path } dibuat dari { $file }
cli-qdc-imported = { $count } kode baru dari { $file }
cli-qdc-wrote = { $path } ditulis ({ $count } kode)
cli-merge-nothing = tidak ada yang baru untuk digabungkan; { $path } tidak berubah
cli-binary-format = { $format } adalah format biner: berikan --out BERKAS.{ $extension }
cli-review-set = '{ $code }' berstatus { $status } dalam { $session }
cli-coder-added = pengode '{ $name }' ditambahkan
cli-coder-renamed = pengode '{ $old }' diganti namanya menjadi '{ $new }'
cli-coder-color = pengode '{ $name }' sekarang berwarna { $color }
cli-blind-on = pengodean buta aktif: laporan setiap pengode hanya menampilkan pengodeannya sendiri (Anda adalah pengode '{ $name }')
cli-blind-off = pengodean buta nonaktif: pengodean semua orang ditampilkan
cli-no-speakers = tidak ditemukan
cli-text-replaced = { $start }..{ $end } { $old } diganti dengan { $new }: { $moved } pengodean dipindahkan, { $removed } dihapus, { $kept } tidak berubah
cli-exemplar-set = { $guid } menjadi kutipan contoh
cli-exemplar-unset = { $guid } tidak lagi menjadi kutipan contoh
cli-remove-no-source = tidak ada sumber bernama '{ $key }' (atau dengan GUID itu) dalam proyek ini; tidak ada yang dihapus (`jalin list sources` menampilkan nama dan GUID): { $path }
cli-remove-ambiguous = '{ $key }' dapat berarti salah satu dari { $count } sumber: { $sources }; berikan nama persis atau GUID sumber yang akan dihapus; tidak ada yang dihapus: { $path }
cli-remove-what = teksnya ({ $chars } karakter), { $codings } pengodean, dan { $memos } memo
cli-remove-would = sumber '{ $name }' akan dihapus beserta { $what }
cli-remove-done = sumber '{ $name }' dihapus beserta { $what }
cli-log-kept = jendela atau perintah Jalin lain sedang membaca proyek, jadi log-nya belum dapat disalin ke berkas; teks yang dihapus terhapus dari berkas ketika yang terakhir ditutup (atau jalankan `jalin vacuum` saat itu): { $path }
cli-vacuumed = { $path } dipadatkan: { $before } -> { $after } ({ $pages } halaman kosong dikembalikan)

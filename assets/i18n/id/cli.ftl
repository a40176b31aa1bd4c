# Jalin — the command line: help texts and messages (id).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).

## Kata-kata clap sendiri

cli-heading-usage = Penggunaan:
cli-heading-options = Opsi
cli-heading-arguments = Argumen
cli-heading-commands = Perintah
cli-help-flag = Tampilkan bantuan
cli-version-flag = Tampilkan versi
cli-help-default = bawaan: { $value }

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
cli-about-list-codings = Setiap segmen berkode: GUID, sumber, kode, rentang, pengode, pembicara, atribut, dan teks yang dikutip
cli-about-list-memos = Setiap memo beserta hal yang dibahasnya
cli-about-show = Cetak teks sumber yang tersimpan
cli-about-source = Ubah nama, jenis, atau atribut sumber (jenis dan atribut beberapa sumber sekaligus), atau koreksi teksnya (--find/--at dengan --replace); pengodean ikut berpindah bersama kata-katanya
cli-about-speakers = Tampilkan pembicara sebuah sumber beserta peran, giliran bicara, dan jumlah katanya; tetapkan peran (--role) dan atribut peserta sendiri (--attr)
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
cli-arg-import--speaker-column = CSV: kolom yang memuat pembicara (bawaan: kolom bernama speaker, name, …)
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
cli-arg-speakers--roles = Tetapkan peran pembicara: NAMA=moderator|interviewer|respondent|other, atau NAMA=auto untuk peran yang dikenali dari labelnya (dapat diulang). Hanya responden yang dihitung dalam "% responden"
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
cli-arg--passphrase-file = Baca frasa sandi proyek terenkripsi dari BERKAS (isinya; satu jeda baris terakhir diabaikan) alih-alih dari $JALIN_PASSPHRASE atau pertanyaan di terminal. Untuk `new --encrypt` dan `encrypt`, frasa sandi yang baru
cli-arg-new--encrypt = Enkripsi dengan frasa sandi (ditanyakan dua kali di terminal, atau --passphrase-file, atau $JALIN_PASSPHRASE)
cli-about-encrypt = Enkripsi proyek dengan frasa sandi (SQLCipher, AES-256): berkas ditulis ulang di sebelahnya dan menggantikan berkas teks biasa. Salinan yang dibuat sebelumnya tetap berupa teks biasa
cli-about-decrypt = Dekripsi proyek terenkripsi: proyek ditulis ulang sebagai berkas teks biasa
cli-about-rekey = Ganti frasa sandi proyek terenkripsi (yang lama seperti untuk perintah lain; yang baru diketik dua kali, atau --new-passphrase-file, atau $JALIN_NEW_PASSPHRASE)
cli-arg-rekey--new-passphrase-file = Baca frasa sandi baru dari BERKAS
cli-about-copy = Salin seluruh proyek ke tempat baru: berkas .jalin ke server (postgres://PENGGUNA@HOST:PORT/DB?project=NAMA) atau sebaliknya, dengan setiap GUID, id, dan waktu apa adanya. TUJUAN (DEST) belum boleh ada
cli-arg-copy--project = Proyek yang disalin (berkas atau lokasi di server)
cli-arg-copy--dest = Tujuan salinan (berkas baru atau proyek tim baru)
cli-arg--pseudonymise = Ganti setiap nama asli dari tabel pseudonim proyek (`jalin pseudonyms`) dalam keluaran, sebagai kata utuh tanpa memandang huruf besar/kecil; proyek tidak diubah
cli-arg-chart--pseudonymise = Ganti setiap nama asli dari tabel pseudonim dalam label
cli-arg-review--pseudonymise = Ganti setiap nama asli dari tabel pseudonim dalam lembar tinjauan
cli-arg-qdpx-export--pseudonymise = Ganti setiap nama asli dari tabel pseudonim (teks, nama, nilai atribut, pembicara, memo); posisi ikut bergeser bersama teksnya
cli-about-pseudonyms = Pseudonim: nama asli orang dan tempat, dan apa yang ditampilkan sebagai gantinya oleh laporan, grafik, lembar tinjauan, dan ekspor .qdpx yang dibuat dengan --pseudonymise; `check` membuktikan sebuah keluaran bebas dari nama asli
cli-about-pseudonyms-list = Tabelnya: nama asli, pseudonim, jenis (dipisahkan tab)
cli-about-pseudonyms-suggest = Nama yang disarankan proyek (label pembicara, atribut partisipan dan sumber seperti nama atau kota, kata berhuruf kapital di tengah kalimat), masing-masing dengan pseudonim yang masih bebas; --accept menambahkan semuanya
cli-arg-pseudonyms-suggest--accept = Tambahkan setiap saran ke tabel (satu perubahan)
cli-arg-pseudonyms-suggest--min-count = Seberapa sering sebuah kata berhuruf kapital harus muncul di tengah kalimat
cli-about-pseudonyms-add = Tambahkan nama asli beserta pseudonimnya (nama yang sudah ada di tabel ditolak: hapus dulu)
cli-about-pseudonyms-remove = Hapus nama asli dari tabel
cli-about-pseudonyms-check = Tampilkan setiap kemunculan nama asli dalam berkas ekspor (CSV, Markdown, LaTeX, HTML, SVG, DOT, teks; DOCX, XLSX, dan .qdpx dibaca di dalam zip-nya); status keluar 1 bila ada yang ditemukan
cli-about-team = Anggota proyek tim di server: tambahkan login sebagai lead (ketua), coder (pengode), atau reader (pembaca) (dibuat tanpa kata sandi bila baru), atau keluarkan anggota. Jalankan sebagai peran yang boleh membuat peran (yang membuat proyek)
cli-arg-team--project = Proyek tim (postgres://PENGGUNA@HOST:PORT/DB?project=NAMA)
cli-about-team-add = Jadikan LOGIN anggota: lead (buku kode, sumber, pengode, pengaturan), coder (pengodean dan memonya sendiri), atau reader (hanya laporan)
cli-arg-team-add--coder = Pengode yang dipakai login itu saat mengodekan (bawaan: nama login); dibuat bila proyek belum memiliki pengode bernama itu
cli-about-team-remove = Keluarkan LOGIN dari proyek (pengodeannya tetap ada)
cli-about-remove-source = Hapus sumber untuk selamanya: teks, giliran bicara, atribut, pengodean, dan memonya (tidak dapat diurungkan dari baris perintah). Ruang yang dibebaskan ditimpa, sehingga teksnya tidak tertinggal di berkas
cli-arg-remove-source--source = Nama atau GUID sumber (nama yang cocok dengan beberapa sumber ditolak: berikan GUID-nya)
cli-arg-remove-source--dry-run = Sebutkan apa yang akan dihapus, tanpa menghapus apa pun
cli-about-vacuum = Bangun ulang berkas proyek tanpa ruang kosongnya dan kosongkan log-nya, sehingga tidak ada yang sudah dihapus tertinggal di keduanya
cli-about-bench = Ukur Jalin pada skala besar (beban kerja A, beban kerja B); mencetak waktu dan memori puncak setiap langkah
cli-about-bench-workload-a = Impor dokumen, buat kode, buat pengodean masing-masing dalam satu transaksi, lalu tabel jumlah per kode dan semua segmen berkode sebagai CSV
cli-arg-bench--project = Berkas proyek yang dibuat (disimpan sesudahnya); bawaan: berkas sementara
cli-arg-bench-workload-a--doc-kb = Ukuran setiap dokumen yang dibuat, dalam KiB
cli-arg-bench--doc-kb = Ukuran setiap sumber yang dibuat, dalam KiB
cli-arg-bench-workload-a--dir = Impor berkas .txt/.html dari folder ini alih-alih membuat dokumen
cli-arg-bench-workload-a--durability = prompt (pengaturan Jalin: setiap commit langsung dituliskan ke disk oleh thread latar belakang), full (setiap commit menunggu penulisannya), atau normal (dituliskan hanya pada checkpoint; sebagai pembanding)
cli-arg-bench--encrypt = Enkripsi proyek (SQLCipher; frasa sandi tetap), untuk dibandingkan dengan proses yang sama tanpa enkripsi
cli-about-bench-workload-b = Korpus besar yang sudah dikodekan: waktu untuk membukanya dan menghitung tabel frekuensi dan triangulasi pada setiap jumlah pengodean
cli-arg-bench-workload-b--codings = Jumlah pengodean tempat pengukuran dilakukan, dipisahkan koma
cli-about-bench-server = Server tim di bawah beban: CODERS proses pengode masing-masing menerapkan CODINGS pengodean sekaligus (masing-masing satu transaksi), di server dan di berkas .jalin sementara; memeriksa bahwa setiap pengodean ada tepat sekali dan mencetak waktu p50/p95 per pengodean untuk setiap penyimpanan
cli-arg-bench-server--url = Servernya: postgres://PENGGUNA@HOST:PORT/DB. Sebuah proyek dibuat di sana dan dihapus sesudahnya; dengan ?project=NAMA proyek baru itu disimpan
cli-arg-bench-server--codings = Jumlah pengodean per pengode
cli-about-bench-server-worker = Satu proses pengode dari `jalin bench server` (dijalankan olehnya)
cli-arg-bench-workload-b--url = Juga di server tim (postgres://PENGGUNA@HOST:PORT/DB): proyek terbesar disalin ke sana (dan dihapus sesudahnya) dan waktu tabel-tabelnya diukur di samping waktu tabel berkas
cli-about-bench-agreement = Kesepakatan antarpengode pada skala besar: pengodean dua pengode pada korpus besar; waktu untuk membukanya dan membuat tabel kesepakatan
cli-arg-bench-agreement--codings = Jumlah seluruh pengodean, sekitar separuh oleh masing-masing pengode
cli-about-bench-gui = Workbench dijalankan tanpa layar pada korpus beban kerja B: milidetik p50 dan p95 per tindakan, dari masukan hingga bingkai yang menampilkannya
cli-arg-bench-gui--codings = Jumlah pengodean dalam proyek
cli-arg-bench-gui--rounds = Berapa kali setiap tindakan diukur

## Yang dilaporkan perintah

cli-created = { $path } dibuat
cli-created-encrypted = { $path } dibuat (terenkripsi)
cli-created-team = proyek tim { $location } dibuat
cli-demo-created = { $path } dibuat dengan studi demo: { $sources } sumber, { $codes } kode, { $codings } pengodean ({ $second } di antaranya oleh pengode kedua), { $memos } memo
cli-imported = { $path } diimpor sebagai '{ $name }' ({ $kind }, { $chars } karakter, { $turns } giliran bicara)
cli-import-speakers = { "  " }pembicara: { $speakers }
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

## Enkripsi, salinan, proyek tim, pseudonim

cli-new-encrypt-team = --encrypt untuk berkas proyek; proyek tim berada di server, yang dilindungi enkripsi disk dan TLS-nya (sslmode=require); tidak ada yang dibuat: { $location }
cli-already-encrypted = proyek sudah terenkripsi (`jalin rekey` mengganti frasa sandinya); tidak ada yang diubah: { $path }
cli-encrypted = { $path } dienkripsi; salinan dan cadangan yang dibuat sebelumnya tetap berupa teks biasa
cli-not-encrypted = proyek tidak terenkripsi; tidak ada yang diubah: { $path }
cli-decrypted = { $path } didekripsi: sekarang berupa teks biasa
cli-rekey-not-encrypted = proyek tidak terenkripsi (`jalin encrypt` mengenkripsinya); tidak ada yang diubah: { $path }
cli-rekeyed = frasa sandi { $path } diganti
cli-plaintext-note = proyek ini terenkripsi, tetapi yang ditulis perintah ini tidak: simpan keluarannya seaman proyek, atau tulis dengan pseudonim
cli-copied = { $from } disalin ke { $to }: { $sources } sumber, { $codes } kode, { $codings } pengodean, { $memos } memo, { $coders } pengode
cli-backup-on-server = backup bekerja pada berkas proyek; salin proyek tim ke berkas dengan jalin copy { $location } BERKAS.jalin
cli-backup-left-out = { $what } ditinggalkan
cli-backup-rebuilt = indeks '{ $index }' dibangun ulang
cli-backup-moved-top = kode '{ $code }' dipindahkan ke tingkat teratas untuk memutus lingkaran
cli-merge-cannot = { $path } tidak dapat digabungkan: { $why }
cli-pass-file-unreadable = berkas frasa sandi tidak dapat dibaca ({ $why }): { $path }
cli-pass-file-not-regular = berkas frasa sandi bukan berkas biasa: { $path }
cli-pass-file-too-large = berkas frasa sandi lebih besar dari 64 KiB; berkas itu seharusnya hanya memuat frasa sandi: { $path }
cli-pass-file-not-utf8 = berkas frasa sandi bukan teks UTF-8: { $path }
cli-pass-env-bad = { $why } (dari ${ $var })
cli-pass-env-not-unicode = ${ $var } bukan Unicode yang sah
cli-pass-terminal-failed = frasa sandi tidak dapat dibaca dari terminal ({ $why })
cli-pass-no-terminal = { $path } terenkripsi (atau sama sekali bukan proyek Jalin) dan tidak ada terminal untuk menanyakan frasa sandinya: berikan dengan { $flag } BERKAS atau ${ $var }
cli-pass-new-no-terminal = tidak ada terminal untuk menanyakan frasa sandi baru { $path }: berikan dengan { $flag } BERKAS atau ${ $var }
cli-pass-prompt = Frasa sandi untuk { $path }:
cli-pass-new-prompt = Frasa sandi baru untuk { $path }:
cli-pass-again-prompt = Frasa sandi yang sama sekali lagi:
cli-pass-differ = kedua frasa sandi berbeda; tidak ada yang diubah: { $path }
cli-team-not-server = { $project }: anggota hanya ada pada proyek tim di server (postgres://PENGGUNA@HOST:PORT/DB?project=NAMA); berkas .jalin hanya memiliki pengode (jalin coders)
cli-team-member = login '{ $login }' menjadi { $role } di { $project }
cli-team-member-coding = login '{ $login }' menjadi { $role } di { $project }, mengodekan sebagai '{ $coder }'
cli-team-no-password = login ini baru dan belum memiliki kata sandi: tetapkan dengan \password { $login } di psql
cli-team-removed = login '{ $login }' tidak lagi menjadi anggota { $project }; pengodeannya tetap ada
cli-pseudonyms-none = belum ada pseudonim: `jalin pseudonyms { $project } suggest` menampilkan nama yang disarankan proyek
cli-pseudonyms-added = { $count } pseudonim ditambahkan
cli-pseudonyms-nothing = tidak ada yang disarankan
cli-pseudonym-exists = '{ $real }' sudah ada dalam tabel pseudonim (sebagai '{ $old }' → '{ $pseudonym }'); jalankan dulu `jalin pseudonyms { $project } remove '{ $old }'`. Tidak ada yang diubah
cli-pseudonym-set = '{ $real }' → '{ $pseudonym }' ({ $kind })
cli-pseudonym-removed = '{ $real }' dihapus
cli-pseudonyms-check-empty = proyek belum memiliki pseudonim, jadi tidak ada nama asli yang dicari; tambahkan dengan `jalin pseudonyms { $project } add`
cli-pseudonyms-hit = { $file }: { $place }: '{ $found }' (nama asli '{ $real }'): { $context }
cli-pseudonyms-cannot-check = { $file } tidak dapat diperiksa: { $why }
cli-pseudonyms-found = { $found } kemunculan nama asli dalam { $checked } berkas yang diperiksa
cli-pseudonyms-found-failed = { $found } kemunculan nama asli dalam { $checked } berkas yang diperiksa; { $failed } tidak dapat diperiksa
cli-pseudonyms-failed = tidak ada nama asli dalam { $checked } berkas yang diperiksa, tetapi { $failed } tidak dapat diperiksa
cli-pseudonyms-clean = bersih: tidak satu pun dari { $names } nama asli dalam tabel pseudonim muncul dalam { $checked } berkas

## Penolakan argumen dan berkas masukan

cli-blind-no-compare = pengodean buta aktif dalam proyek ini, jadi para pengode tidak dapat melihat pengodean satu sama lain (Anda adalah pengode '{ $coder }'); ketua proyek dapat menonaktifkannya dengan `jalin blind PROYEK off`
cli-blind-own-only = pengodean buta aktif dalam proyek ini, jadi laporan hanya menampilkan pengodean Anda sendiri (pengode '{ $coder }'); ketua proyek dapat menonaktifkannya dengan `jalin blind PROYEK off`
cli-no-coder = tidak ada pengode bernama '{ $name }' dalam proyek ini
cli-no-coder-known = tidak ada pengode bernama '{ $name }' dalam proyek ini (pengodenya: { $known })
cli-no-coder-none = tidak ada pengode bernama '{ $name }' dalam proyek ini (pengodenya: tidak ada)
cli-coder-twice = pengode '{ $name }' disebut dua kali dalam --coders
cli-coders-same-twice = --coders menyebut pengode yang sama dua kali ('{ $name }')
cli-agreement-two-coders = kesepakatan memerlukan sedikitnya dua pengode: --coders A,B
cli-disagreements-two-coders = --coders memerlukan dua pengode, A,B (mis. --coders R1,R2)
cli-bad-min-overlap = --min-overlap adalah persentase di atas 0 dan paling banyak 100, bukan { $value }
cli-one-transaction-needs-from = --one-transaction dipakai bersama --from BERKAS.csv
cli-range-one-source = --range memerlukan tepat satu --source
cli-codings-file-folder = berkas pengodean adalah sebuah folder: { $path }
cli-codings-file-unreadable = berkas pengodean tidak dapat dibaca ({ $why }): { $path }
cli-codings-file-not-utf8 = berkas pengodean bukan teks UTF-8 (bita tidak sah pada posisi { $offset }); simpan sebagai CSV UTF-8: { $path }
cli-codings-file-columns = berkas pengodean memerlukan kolom source, code, start, dan end (dan boleh memiliki coder); kepalanya '{ $header }': { $path }
cli-codings-row-columns = baris ini memiliki { $count } kolom, kepala tabel memiliki { $header }
cli-not-whole-number = { $what } '{ $value }' bukan bilangan bulat
cli-codings-file-bad-csv = berkas pengodean bukan CSV yang sah ({ $why }): { $path }
cli-codings-row-bad-csv = baris ini bukan CSV yang sah ({ $why })
cli-source-twice = sumber '{ $name }' disebut dua kali
cli-edit-one-source = --rename, --find, dan --at mengubah satu sumber; berikan satu sumber, bukan { $count }
cli-replace-needs-find = --replace memerlukan --find LAMA atau --at AWAL..AKHIR untuk menyebutkan apa yang diganti
cli-find-empty = --find memerlukan teks yang diganti; untuk menyisipkan, pakai --at N..N
cli-find-none = { $old } tidak muncul dalam sumber '{ $source }'; tidak ada yang diubah
cli-find-many = { $old } muncul { $count } kali dalam sumber '{ $source }' (pada { $places }); berikan --at AWAL..AKHIR untuk tempat yang diubah; tidak ada yang diubah
cli-bad-attribute = '{ $value }' bukan atribut: tulis sebagai kunci=nilai, mis. city=Palu
cli-bad-range = '{ $value }' bukan rentang: tulis AWAL..AKHIR dengan bilangan bulat, mis. 120..245
cli-pseudonymise-empty = --pseudonymise: proyek belum memiliki pseudonim, jadi tidak ada yang dapat diganti dan tidak ada yang ditulis; tambahkan dengan `jalin pseudonyms { $project } add NAMA-ASLI PSEUDONIM` (atau `suggest --accept`)
cli-consensus-only-filter = --consensus-only hanya memakai pengodean pengode '{ $coder }'; hilangkan --coder-filter
cli-no-attribute = tidak ada sumber, dan tidak ada partisipan, yang memiliki atribut '{ $key }' (lihat `jalin list sources` dan `jalin speakers`)
cli-dot-concept-map-only = dot hanya untuk peta konsep; pakai svg atau png untuk grafik { $kind }
cli-heatmap-needs-attribute = peta panas memerlukan sebuah atribut: --by attr:NAMA
cli-bad-review-set = '{ $value }' bukan TEMA=STATUS, mis. coordination=confirmed
cli-role-choices = moderator, interviewer, respondent, other, atau auto
cli-bad-speaker-role = '{ $value }' bukan peran pembicara: tulis NAMA=PERAN, mis. "Budi=moderator" (PERAN: { $choices })
cli-bad-role = '{ $role }' dalam '{ $value }' bukan peran: pakai { $choices }
cli-speaker-attr-example = NAMA:KUNCI=NILAI, mis. "Pak Hasan:role=prosecutor"
cli-speaker-unset-example = NAMA:KUNCI, mis. "Pak Hasan:role"
cli-bad-speaker-attr = '{ $value }' bukan atribut partisipan: tulis { $example }

## Galat penguraian clap

cli-parse-error = galat:
cli-parse-unknown-argument = argumen '{ $arg }' tidak dikenal
cli-parse-unknown-subcommand = subperintah '{ $name }' tidak dikenal
cli-parse-missing-arguments = argumen wajib berikut belum diberikan:
cli-parse-missing-subcommand = '{ $name }' memerlukan subperintah, tetapi tidak ada yang diberikan
cli-parse-subcommands = subperintah: { $values }
cli-parse-value-missing = '{ $arg }' memerlukan nilai, tetapi tidak ada yang diberikan
cli-parse-invalid-value = nilai '{ $value }' tidak sah untuk '{ $arg }'
cli-parse-possible-values = nilai yang mungkin: { $values }
cli-parse-too-many-values = nilai '{ $value }' untuk '{ $arg }' tidak diharapkan; tidak ada nilai lagi yang diharapkan
cli-parse-wrong-number = '{ $arg }' memerlukan { $expected } nilai, tetapi yang diberikan { $actual }
cli-parse-conflict = argumen '{ $arg }' tidak dapat dipakai bersama '{ $other }'
cli-parse-repeated = argumen '{ $arg }' tidak dapat dipakai lebih dari sekali
cli-parse-no-equals = tanda sama dengan diperlukan untuk memberi nilai pada '{ $arg }'
cli-parse-tip = saran:
cli-parse-tip-value = untuk memberikan '{ $arg }' sebagai nilai, pakai '-- { $arg }'
cli-parse-similar-subcommand = ada subperintah yang mirip: '{ $name }'
cli-parse-similar-argument = ada argumen yang mirip: '{ $name }'
cli-parse-similar-value = ada nilai yang mirip: '{ $name }'
cli-parse-try-help = Untuk informasi lebih lanjut, coba '--help'.
cli-no-workbench = jalin ini dibangun tanpa workbench (fitur `gui`); jalankan `jalin --help` untuk baris perintah
cli-open-headless = jendela workbench dijalankan oleh program jalin, bukan oleh pustakanya: { $path }
cli-codings-where = baris { $row } (baris berkas { $line })
cli-codings-row = baris { $row }: { $guid }
cli-codings-none-saved = tidak ada yang disimpan: dengan --one-transaction satu baris yang salah membuat proyek tidak berubah
cli-codings-saved-before = { $saved } pengodean dari baris sebelum baris { $row } telah disimpan (setiap baris disimpan sendiri); baris { $row } dan baris sesudahnya tidak diterapkan. Perbaiki baris itu dan jalankan perintah lagi: baris yang sudah dikodekan dilewati
cli-codings-failed-at = { $at } dari { $path } ({ $saved } pengodean dari baris sebelumnya telah disimpan)
cli-codings-nothing-from = tidak ada yang disimpan dari { $path } (--one-transaction)

## jalin bench (angka datang sudah diformat; baris ACTION bench gui dan
## nama aksinya tidak diterjemahkan: skrip membacanya)

cli-bench-cpu = CPU
cli-bench-peak-rss = RSS puncak
cli-bench-step-generate = (persiapan) membuat { $docs } dokumen × { $kb } KiB
cli-bench-step-create-project = membuat proyek
cli-bench-step-import = mengimpor { $docs } dokumen, satu transaksi per dokumen
cli-bench-step-create-codes = membuat { $codes } kode
cli-bench-step-codings = { $codings } pengodean, satu transaksi per pengodean
cli-bench-step-baseline = (garis dasar) SQLite mentah, WAL: { $n } transaksi sisip satu baris
cli-bench-step-count-table = tabel jumlah per kode (CSV)
cli-bench-step-segments = semua segmen berkode (CSV)
cli-bench-step-add-sources = (persiapan) menambahkan { $sources } sumber × { $kb } KiB
cli-bench-step-codings-range = (persiapan) pengodean { $from }..{ $to }
cli-bench-step-setup-codings = (persiapan) { $codings } pengodean
cli-bench-step-open-workbench = (persiapan) membuka workbench, bingkai pertama
cli-bench-encrypted = , terenkripsi
cli-bench-exists = sudah ada berkas di sana; bench membuat proyek baru: { $path }
cli-bench-gui-header = workbench, tanpa layar: { $codings } pengodean, { $sources } sumber × { $kb } KiB, { $codes } kode, { $rounds } putaran, seed { $seed }
cli-bench-gui-action = { $action }: { $samples } sampel, maks { $max } ms; waktu CPU utas (menurut penjadwal, kasar) p50 { $p50 } ms, p95 { $p95 } ms
cli-bench-a-header = beban kerja A: { $desc }
cli-bench-a-dir = berkas dari { $dir }, { $codes } kode, { $codings } pengodean, seed { $seed }
cli-bench-a-generated = { $docs } dokumen × { $kb } KiB, { $codes } kode, { $codings } pengodean, seed { $seed }, ketahanan { $durability }{ $encrypted }
cli-bench-total = total (tanpa persiapan)
cli-bench-ratio = pengodean ÷ garis dasar SQLite mentah (proses yang sama)
cli-bench-ratio-cpu = hal yang sama dalam waktu CPU
cli-bench-b-header = beban kerja B: { $sources } sumber × { $kb } KiB, { $codes } kode, seed { $seed }{ $encrypted }
cli-bench-col-codings = pengodean
cli-bench-col-open-read = buka+baca
cli-bench-col-frequencies = frekuensi
cli-bench-col-triangulation = triangulasi
cli-bench-col-tables-total = total tabel
cli-bench-col-peak-rss = RSS puncak
cli-bench-col-thread-cpu = CPU utas
cli-bench-col-wall = waktu nyata
cli-bench-col-store = tempat
cli-bench-url-no-encrypt = --url membandingkan berkas biasa dengan server: jalankan tanpa --encrypt
cli-bench-agreement-header = kesepakatan: { $codings } pengodean oleh dua pengode, { $sources } sumber × { $kb } KiB, { $codes } kode, seed { $seed } (build { $build })
cli-bench-agreement-load = buka + baca pengodean
cli-bench-agreement-characters = kesepakatan per karakter
cli-bench-agreement-csv = CSV rapi
cli-bench-agreement-total = total: jalin agreement --coders A,B
cli-bench-agreement-sentences = teks + kesepakatan per kalimat
cli-bench-agreement-summary = { $codings } pengodean, { $rows } baris, RSS puncak { $rss } MiB
cli-bench-url-server = --url menerima server: postgres://PENGGUNA@HOST:PORT/DB
cli-bench-need-one = --coders dan --codings sedikitnya 1
cli-bench-server-load = { $coders } proses pengode × masing-masing { $codings } pengodean, semuanya bersamaan, satu transaksi per pengodean
cli-bench-server-at = server: { $server }
cli-bench-unknown = tidak diketahui
cli-bench-machine = mesin: { $cpus } CPU, rata-rata beban { $load } setelah pengujian
cli-bench-store-server = server
cli-bench-store-file = berkas
cli-bench-table-store = TEMPAT
cli-bench-table-expected = DIHARAPKAN
cli-bench-table-present = ADA
cli-bench-table-duplicates = DUPLIKAT
cli-bench-table-wall = WAKTU_S
cli-bench-table-per-second = PENGODEAN_PER_S
cli-bench-server-ratio = server / berkas: p50 { $p50 }×, p95 { $p95 }×, waktu nyata { $wall }×
cli-bench-lost = ada pengodean yang hilang atau ganda (lihat tabel)
cli-bench-url-no-project = --url menerima server tanpa proyek: postgres://PENGGUNA@HOST:PORT/DB
cli-bench-copied = (persiapan) disalin ke { $server }: { $secs } d
cli-bench-tables-both = tabel pada berkas dan pada server, median dari 3 kali jalan:
cli-bench-server-file = server / berkas: { $total }× (buka+baca { $load }×)
cli-bench-server-mismatch = server memiliki { $server } pengodean dan berkas { $file }
cli-bench-err-io = korpus buatan tidak dapat ditulis ({ $reason }): { $path }
cli-bench-err-no-files = folder ini tidak berisi berkas .txt atau .html untuk diimpor: { $path }
cli-bench-err-duplicate = '{ $name }' sudah ada dalam proyek, sehingga beban kerja tidak akan mengukur impor
cli-bench-err-agreement = bench kesepakatan berhenti: { $reason }
cli-bench-err-gui = bench workbench berhenti: { $reason }

# Jalin — what goes wrong: project files, imports, input files (en).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).
err-store-not-found = no project file at { $value }
err-store-already-exists = a file already exists there; choose another name or delete it first: { $value }
err-store-no-folder = the folder { $folder } does not exist; create it first or choose another place: { $path }
err-store-stale-companion = { $companion } lies beside that name, left by an earlier project; SQLite would mix it into the new one: remove it or choose another name: { $path }
err-new-companion-name = SQLite would take a file of that name for part of a project (its log); choose a name ending in .jalin: { $path }
err-store-not-a-project = not a Jalin project ({ $reason }): { $path }
err-store-newer-version = this project was saved by a newer Jalin (file schema { $found }, this Jalin reads up to { $supported }); update Jalin to open it. The file was not changed: { $path }
err-store-open = cannot open the project ({ $why }): { $path }
err-store-migration = cannot upgrade this project from file schema { $from } to { $to }: { $reason }. The file was not changed: { $path }
err-store-unusable = cannot open the project: { $reason }: { $path }
err-store-flush = could not flush saved changes to the disk ({ $cause }); the disk may be failing or full. Recent changes may be lost on power loss: { $path }
err-store-corrupt = the project file is damaged ({ $detail }): { $path }
err-store-untrusted = { $detail }: { $path }
err-store-foreign-wal = the write-ahead log beside the project ({ $wal }) does not belong to this file ({ $reason }); SQLite would mix it into the project or drop it silently, so Jalin did not open it and changed nothing. This happens when a project file is restored or copied without its log, or next to another one's: close every Jalin window on it, move the -wal file out of the folder (keep it) and open again: { $path }
err-store-too-deep = code '{ $name }' would sit { $levels } levels deep; Jalin keeps code trees to { $limit } levels, so that every .qdpx it writes can be read back. Put it higher up
err-store-merge-too-deep = cannot merge code '{ $from }' into '{ $into }': its sub-code '{ $deepest }' would then sit { $levels } levels deep, and Jalin keeps code trees to { $limit } levels, so that every .qdpx it writes can be read back. Move '{ $into }' or the sub-codes of '{ $from }' higher up first; nothing was changed
err-store-bad-copy-target = cannot write a copy there ({ $reason }): { $path }
err-store-unknown-source = no source called '{ $value }' in this project
err-store-unknown-speaker = '{ $speaker }' does not speak in source '{ $source_name }' (its speakers: { $known })
err-store-unknown-code = no code called '{ $value }' in this project
err-store-ambiguous-code = '{ $name }' could be any of several codes ({ $candidates }); give the full path, parent > child
err-store-unknown-coding = no coding with id '{ $value }' in this project
err-store-unknown-memo = no memo with id '{ $value }' in this project
err-store-code-gone = the code is no longer in the project (it was deleted, perhaps in another window)
err-store-source-gone = the source is no longer in the project (it was deleted, perhaps in another window)
err-store-coding-gone = the coding is no longer in the project (it was removed, perhaps in another window)
err-store-memo-gone = the memo is no longer in the project (it was deleted, perhaps in another window)
err-store-duplicate-code = a code called '{ $value }' already exists at that level of the codebook (names that differ only in case or in how accents are encoded are the same name)
err-store-duplicate-source = a source called '{ $value }' already exists
err-store-name-is-guid = '{ $value }' is the GUID of another source, so it cannot be a source's name (lookups by GUID would be ambiguous); choose another name
err-store-empty-name = a name cannot be empty
err-store-unknown-coder = no coder called '{ $value }' in this project
err-store-bad-coder-name = '{ $value }' cannot be a coder's name: write it on one line, without tabs or other control characters, in at most 200 characters
err-store-duplicate-coder = a coder called '{ $value }' already exists (names that differ only in case are the same name)
err-store-coder-gone = the coder is no longer in the project (it was removed, perhaps in another window)
err-store-coder-in-use = coder '{ $name }' cannot be removed: { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} and { $memos ->
    [one] { $memos } memo
   *[other] { $memos } memos
} are credited to them
err-store-hierarchy-cycle = cannot put code '{ $value }' under itself or one of its own sub-codes
err-store-merge-into-self = cannot merge code '{ $value }' into itself
err-store-empty-range = range { $start }..{ $end } is empty or reversed: the start must be before the end
err-store-range-out-of-bounds = range { $start }..{ $end } is outside source '{ $source_name }', whose text has { $len } characters (0..{ $len })
err-store-already-coded = '{ $code }' is already applied to { $start }..{ $end } of '{ $source_name }' by this coder
err-store-not-written = the project file did not take the change ({ $what }: { $changed } rows changed where { $expected } should have); nothing was saved. The file may hold a trigger or another object Jalin did not make
err-store-changed-elsewhere = { $value } was changed or removed outside this window (by another Jalin window or command); nothing was changed
err-store-bad-bundle = cannot add these items together: { $value }
err-store-bad-turn = a speaker turn { $start }..{ $end } does not fit the text of '{ $source_name }' ({ $len } characters)
err-store-bad-edit = cannot change the text of '{ $source_name }': { $reason }; nothing was changed
err-store-needs-passphrase = this file is encrypted (or is not a Jalin project at all); it opens only with its passphrase: { $path }
err-store-wrong-passphrase = wrong passphrase or not a Jalin project; the file was not changed: { $path }
err-store-bad-pseudonym = cannot add that pseudonym: { $value }; nothing was changed
err-store-unknown-pseudonym = no real name '{ $value }' in the pseudonym table (see `jalin pseudonyms PROJECT list`); nothing was changed
err-store-on-server = this needs a project file, and this is a team project on a server: { $location }
err-store-server-open = { $reason }: { $location }
err-server-lost = { $message }; whatever was not reported saved was not saved, and Jalin connects again as soon as the server is back
err-server-denied = the server refused this: your role in the team project may not do it ({ $message }); nothing was changed
err-server-refused = the server refused this ({ $message }); nothing was changed

## SQLite and opening a project

err-sqlite-not-a-database = it is not an SQLite database
err-sqlite-unreadable-pages = SQLite cannot read its pages
err-sqlite-busy = the project is in use by another program (another Jalin window or command is saving to it); nothing was changed. Close the other program or try again in a moment
err-sqlite-read-only = the project file is read-only, so nothing was saved; make it writable or save a copy elsewhere
err-sqlite-disk-full = the disk is full, so this change was not saved; the project is as it was before. Free some space and try again
err-sqlite-cannot-write = cannot write the project file or the log files beside it (the disk may be failing, read-only or unplugged); nothing was changed
err-sqlite-constraint = the change clashes with what is already in the project (another window or command may have changed it meanwhile); nothing was changed. Reload and try again
err-sqlite-too-big = the text or value is too large for the project file; nothing was changed
err-sqlite-no-memory = Jalin ran out of memory; nothing was changed
err-sqlite-interrupted = the operation was interrupted; nothing was changed
err-sqlite-schema-changed = the project file's layout was changed by another program while Jalin was using it; nothing was changed. Open the project again
err-sqlite-refused = the project file refused this change (it may have been altered by another program); nothing was changed
err-sqlite-unsupported = the disk or file system does not support what SQLite needs (locking, large files); nothing was changed. Keep the project on a local disk
err-sqlite-internal = the project file could not be read or changed (an internal SQLite error); nothing was changed
err-sqlite-gone = something this change needs is no longer in the project (another window or command may have removed it); nothing was changed
err-sqlite-bad-value = the project file holds a value Jalin cannot read; it may have been damaged or changed by another program
err-sqlite-internal-read = the project file could not be read (an internal error); nothing was changed
err-sqlite-migration-rule = a row in it breaks a rule this Jalin keeps (a value Jalin would not have written; the file may have been changed by another program). Open it with the Jalin that wrote it, or restore a backup
err-open-read-only = it is read-only (the file, or the disk or folder { $folder } it is on, cannot be written), and Jalin must write to open it. Copy it to a folder you can write to, or make it writable
err-open-held = another Jalin command has the project to itself (encrypting, decrypting or changing its passphrase); try again when it is done (nothing was changed)
err-open-wal-is-folder = { $path } is a folder, but SQLite keeps the project's write-ahead log (-wal) there; move that folder away
err-open-shm-is-folder = { $path } is a folder, but SQLite keeps the project's shared-memory index (-shm) there; move that folder away
err-open-folder-read-only = cannot write to the folder { $folder } (SQLite keeps the project's -wal and -shm files beside it; the folder or its disk is read-only, or you may not write there). Copy the project to a folder you can write to
err-sqlite-damaged = the project file is damaged ({ $detail }); nothing was changed
err-nothing-changed-suffix = {"; "}nothing was changed

## Input and output files

err-input-not-found = no such file
err-input-broken-link = it is a link to a file that does not exist
err-input-link-loop = it is a link that leads back to itself (a loop of links)
err-input-is-folder = it is a folder, not a file
err-input-not-regular = it is { $what }, not a regular file; Jalin reads only regular files
err-input-too-large = the file is too large ({ $size } bytes; the limit is { $limit } bytes)
err-input-larger-than-said = the file holds more than the limit of { $limit } bytes
err-input-io = cannot read the file ({ $cause })
file-kind-folder = a folder
file-kind-symlink = a symbolic link
file-kind-fifo = a FIFO
file-kind-char-device = a character device
file-kind-block-device = a block device
file-kind-socket = a socket
file-kind-special = a special file
err-target-project = refusing to write over the Jalin project { $path }: choose another file
err-target-alias = refusing to write over { $target }: it is the Jalin project { $project } under another name; choose another file
err-target-companion = refusing to write over { $target }: it is part of the Jalin project { $project } (SQLite keeps the project's recent changes there); choose another file
err-target-broken-link = refusing to write through the link { $path }: it points to a file that does not exist; give the file itself
err-target-database = refusing to write over { $path }: it is a database (another program's project?), not an earlier export; choose another file
err-target-encrypted = refusing to write over { $path }: it looks like an encrypted Jalin project (its bytes are not an ordinary file's); choose another file, or remove it first if it really is an old export
err-import-unsupported = Jalin cannot import .{ $extension } files (it reads .txt, .md, .docx, .rtf, .odt, .pdf, .html, .vtt, .srt and .csv)
err-import-old-word = this is a Word 97–2003 document, which Jalin cannot read; open it in Word or LibreOffice, save it as .docx (Word Document), and import that
err-import-exchange-file = this is a REFI-QDA project; import it with `jalin qdpx import NEW_PROJECT FILE.qdpx`
err-import-archive = the file is refused: { $problem }
err-import-xml = { $entry } inside it is refused: { $problem }
err-import-store = cannot save it in the project: { $problem }

## Encryption (src/store/crypt.rs)

err-passphrase-empty = the passphrase is empty; an encrypted project needs one
err-passphrase-nul = the passphrase contains a NUL character, which cannot be used
err-passphrase-derive = the encryption library could not derive the key
err-passphrase-salt = the encryption library could not make a random salt
err-passphrase-refused = the encryption library refused the key
err-crypt-in-use = another Jalin window or command has the project open; close it and try again (nothing was changed)
err-crypt-folder-name = its folder's name is not valid Unicode
err-crypt-not-made = the rewritten project could not be made beside it ({ $why })
err-crypt-check = the rewritten copy did not check out ({ $verdict }); nothing was changed
err-crypt-not-written = the rewritten project could not be written ({ $why }); nothing was changed

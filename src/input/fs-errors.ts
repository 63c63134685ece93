/**
 * Plain-language descriptions of file-system failures and file types, shared by input collection
 * and reading. Messages carry no note text and no raw `err.message` (which could echo paths or
 * platform noise); callers add the path themselves where it helps.
 */
/** What `notRegularReason` needs: both `fs.Stats` and `fs.Dirent` have these. */
export interface FileTypeInfo {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSymbolicLink(): boolean;
}

const ERRNO_MESSAGES: Record<string, string> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "no such file or directory (a part of the path is not a directory)",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "file name too long",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EIO: "input/output error",
  EAGAIN: "not a regular file (would block)",
  ENXIO: "not a regular file (no such device)",
  ENODEV: "not a regular file (no such device)",
};

/** The errno code of a Node.js system error, if it is one. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "code" in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** A short message for a failed fs call; unknown codes are named rather than guessed at. */
export function describeFsError(err: unknown): string {
  const code = errnoCode(err);
  if (code === undefined) return "cannot read file";
  return ERRNO_MESSAGES[code] ?? `cannot read file (${code})`;
}

/**
 * Why a stat result is not something cpt-check reads, or undefined for a regular file. FIFOs,
 * sockets and devices would block or never end, so they are refused from their stat alone.
 */
export function notRegularReason(stats: FileTypeInfo): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "is a directory";
  if (stats.isFIFO()) return "not a regular file (FIFO)";
  if (stats.isSocket()) return "not a regular file (socket)";
  if (stats.isCharacterDevice()) return "not a regular file (character device)";
  if (stats.isBlockDevice()) return "not a regular file (block device)";
  if (stats.isSymbolicLink()) return "not a regular file (symbolic link)";
  return "not a regular file";
}

/**
 * Where a measurement row comes from: the repository, the file and line of the row at the commit the
 * table was read at, and the commit that last wrote it with its date. Every table (ncnn, rknn, Hailo,
 * MLPerf) gives its rows this form, built by rowSource so the link is made the same way everywhere.
 */
export interface MeasurementSource {
  readonly repo: string;
  readonly path: string;
  /** The commit the table was read at. */
  readonly commit: string;
  /** 1-based line of the row in that file. */
  readonly line: number;
  /** The commit that added or last changed the row (git blame, or the file's last commit) and its date. */
  readonly rowCommit: string;
  readonly date: string;
  readonly url: string;
}

/** A row's source, with its link to the line at the commit read. */
export function rowSource(
  repo: string,
  commit: string,
  path: string,
  line: number,
  rowCommit: string,
  date: string,
): MeasurementSource {
  return {
    repo,
    path,
    commit,
    line,
    rowCommit,
    date,
    url: `https://github.com/${repo}/blob/${commit}/${path}#L${line}`,
  };
}

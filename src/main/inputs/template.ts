// {{column}} templates for dataset rows. A template naming a column the dataset lacks is an input error that
// names the column and lists the ones that exist.
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

export function templateColumns(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function missingColumns(template: string, columns: readonly string[]): string[] {
  const have = new Set(columns);
  return templateColumns(template).filter((c) => !have.has(c));
}

export function renderTemplate(template: string, row: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => {
    const value = row[name.trim()];
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** The row's columns the template does not name (a gold label, metadata): kept on the job, never sent. */
export function unshownColumns(row: Record<string, unknown>, shown: ReadonlySet<string>): { row?: Record<string, unknown> } {
  const rest = Object.fromEntries(Object.entries(row).filter(([column]) => !shown.has(column)));
  return Object.keys(rest).length ? { row: rest } : {};
}

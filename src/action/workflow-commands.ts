import type { Annotation } from "../sync/check-report.js";

/**
 * GitHub Actions' workflow commands, escaped as the runner reads them: `%`, CR and LF in data;
 * also `:` and `,` in properties. Doc text goes into these, so nothing in it can end the command
 * early or start another.
 */
export function annotationCommand(a: Annotation): string {
  const level = a.annotation_level === "failure" ? "error" : a.annotation_level;
  const props = [
    `file=${property(a.path)}`,
    `line=${a.start_line}`,
    `endLine=${a.end_line}`,
    `title=${property(a.title)}`,
  ];
  return `::${level} ${props.join(",")}::${data(a.message)}`;
}

function data(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function property(text: string): string {
  return data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

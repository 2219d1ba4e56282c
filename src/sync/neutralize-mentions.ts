/**
 * Doc text must never ping anyone: `@user` and `@org/team` get a zero-width space after the `@`,
 * which GitHub does not link, and which reads the same. Email addresses are left alone.
 */
const MENTION = /(^|[^\w`])@(?=[A-Za-z0-9])/g;

export function neutralizeMentions(text: string): string {
  return text.replace(MENTION, "$1@\u200B");
}

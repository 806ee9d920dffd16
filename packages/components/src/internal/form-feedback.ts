/**
 * Whether a field lost focus to a submit button. A message shown on that blur
 * pushes the button away between press and release and swallows the click;
 * the submit shows every message anyway, so the blur shows none.
 */
export function leftForSubmit(event: FocusEvent | undefined): boolean {
  const next = event?.relatedTarget;
  return next instanceof HTMLButtonElement && next.type === 'submit';
}

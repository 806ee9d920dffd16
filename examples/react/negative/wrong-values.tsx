// Each line marked @expect-error-line must fail the type-check (tests/frameworks asserts which ones do).
export const wrong = (
  <>
    {/* @expect-error-line: a layout the notice board does not have */}
    <gk-notice-board layout="bogus" />
    {/* @expect-error-line: refresh is a number of seconds, not a string */}
    <gk-notice-board refresh="often" />
    {/* @expect-error-line: an attribute no widget has */}
    <gk-resolution-rate perod="2026" />
    {/* @expect-error-line: the detail of gk-load has gridId, not ticket */}
    <gk-notice-board ongk-load={(event) => event.detail.ticket} />
  </>
);

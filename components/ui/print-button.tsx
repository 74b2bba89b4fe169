'use client';
// Prints the page (the print stylesheet in globals.css lays it out on A4 without the site's chrome).
export function PrintButton({ label = 'In / lưu PDF' }: { label?: string }) {
  return (
    <button type="button" className="no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}

// One widget of a page: its own loading skeleton (Suspense) and its own error state (an error boundary), so a failing
// query costs one panel — with a message and a retry — not the whole page.
import { Suspense } from 'react';
import { WidgetErrorBoundary } from './widget-error';

export function Widget({ title, fallback, children }: { title: string; fallback: React.ReactNode; children: React.ReactNode }) {
  return (
    <WidgetErrorBoundary title={title}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </WidgetErrorBoundary>
  );
}

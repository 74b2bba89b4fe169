'use client';
// The error state of one widget: what failed, a retry that re-renders the page's server components, never a stack.
import { useRouter } from 'next/navigation';
import { Component, startTransition, type ReactNode } from 'react';

interface State {
  error: (Error & { digest?: string }) | null;
}

class Boundary extends Component<{ title: string; onRetry: () => void; children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  /** New content from the server (after any retry on the page, or a navigation): try it. */
  componentDidUpdate(prev: { children: ReactNode }) {
    if (this.state.error && prev.children !== this.props.children) this.setState({ error: null });
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    // Next's own control flow (redirect, notFound, forbidden) is not a failure of this widget: let Next handle it.
    if (/^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK|NOT_FOUND)/.test(error.digest ?? '')) throw error;
    return (
      <section className="panel error-box" role="alert" aria-label={`Lỗi: ${this.props.title}`}>
        <p>
          <strong>Không tải được “{this.props.title}”.</strong> Máy chủ hoặc cơ sở dữ liệu không phản hồi; các phần khác của trang
          vẫn dùng được.
        </p>
        {error.digest ? <p className="muted small">Mã lỗi: {error.digest}</p> : null}
        <button
          type="button"
          className="button"
          onClick={() => {
            startTransition(() => {
              this.props.onRetry();
              this.setState({ error: null });
            });
          }}
        >
          Thử lại
        </button>
      </section>
    );
  }
}

export function WidgetErrorBoundary({ title, children }: { title: string; children: ReactNode }) {
  const router = useRouter();
  return (
    <Boundary title={title} onRetry={() => router.refresh()}>
      {children}
    </Boundary>
  );
}

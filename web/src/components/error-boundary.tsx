/** Catches a page that fails to render, so the rest of the app keeps working. */
import { Component, type ReactNode } from "react";

export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { message: string | null }
> {
  state = { message: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.message)
      this.setState({ message: null });
  }

  render() {
    if (this.state.message) {
      return (
        <div role="alert" className="error">
          <p>
            <strong>This page could not be shown.</strong> {this.state.message}
          </p>
          <button type="button" onClick={() => this.setState({ message: null })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}

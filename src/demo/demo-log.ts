/**
 * The demo's narration: one line per thing that happened, with the seconds since the start and a
 * label saying what kind of step it was. Labels are bold on a terminal.
 */
export class DemoLog {
  readonly #started = performance.now();
  readonly #bold: (text: string) => string;

  constructor(private readonly out: NodeJS.WritableStream & { isTTY?: boolean }) {
    this.#bold = out.isTTY ? (text) => `\u001b[1m${text}\u001b[22m` : (text) => text;
  }

  line(label: string, text: string): void {
    const seconds = ((performance.now() - this.#started) / 1000).toFixed(1).padStart(5);
    this.out.write(`${seconds}s  ${this.#bold(label.padEnd(10))} ${text}\n`);
  }

  heading(text: string): void {
    this.out.write(`\n${this.#bold(text)}\n\n`);
  }

  text(text: string): void {
    this.out.write(`${text}\n`);
  }
}

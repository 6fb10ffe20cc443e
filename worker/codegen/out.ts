/**
 * The line writer the generator builds each file with: two-space
 * indentation, blank lines left unindented, a trailing newline.
 */

const INDENT = '  ';

export class Out {
  private lines: string[] = [];
  private level = 0;
  line(text = ''): this {
    this.lines.push(text ? INDENT.repeat(this.level) + text : '');
    return this;
  }
  indent(): this {
    this.level++;
    return this;
  }
  dedent(): this {
    this.level--;
    return this;
  }
  with(fn: () => void): this {
    this.indent();
    fn();
    return this.dedent();
  }
  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}

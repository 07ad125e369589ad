import { styleText } from 'node:util';
import yoctoSpinner from 'yocto-spinner';

type Style = Parameters<typeof styleText>[0];

/** A place to print to: colour and spinners only when it is a terminal (and NO_COLOR is unset). */
export interface Terminal {
  readonly interactive: boolean;
  line(text?: string): void;
  style(style: Style, text: string): string;
  /** Runs `task` with a spinner showing `label`; a plain line when not interactive. */
  spin<T>(label: string, task: () => Promise<T>): Promise<T>;
}

/** Wraps a writable stream (stdout or stderr) as a Terminal. */
export function createTerminal(stream: NodeJS.WriteStream = process.stdout): Terminal {
  const interactive =
    stream.isTTY === true && process.env['NO_COLOR'] === undefined && process.env['TERM'] !== 'dumb';
  return {
    interactive,
    line(text = '') {
      stream.write(`${text}\n`);
    },
    style(style, text) {
      return interactive ? styleText(style, text) : text;
    },
    async spin(label, task) {
      if (!interactive) return task();
      const spinner = yoctoSpinner({ text: label, stream }).start();
      try {
        const result = await task();
        spinner.stop();
        return result;
      } catch (error) {
        spinner.error(label);
        throw error;
      }
    },
  };
}

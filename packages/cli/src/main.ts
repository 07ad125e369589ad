export async function main(argv: string[]): Promise<number> {
  console.log('toolbridge', argv.join(' '));
  return 0;
}

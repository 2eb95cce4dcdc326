export async function main(argv: string[]): Promise<number> {
  console.log('ipwatch', argv.join(' '));
  return 0;
}

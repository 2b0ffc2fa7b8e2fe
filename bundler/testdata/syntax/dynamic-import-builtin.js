export default async () => {
  const { Buffer } = await import('node:buffer');
  const util = await import('util');
  return [Buffer.from('hi').toString('hex'), typeof util.format, util.format('%s=%d', 'n', 42)];
}

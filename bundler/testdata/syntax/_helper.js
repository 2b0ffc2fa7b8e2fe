export const helper = (x) => x * 21;
export default 'helper default';

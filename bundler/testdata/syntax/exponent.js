export default () => { let x = 3; x **= 2; return [2 ** 10, (-2) ** 3, 2 ** -1, x, 2 ** 3 ** 2] }

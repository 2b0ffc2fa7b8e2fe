export default () => [1_000_000, 0xff_ff, 0b1010_1010, 1_0.5_0, 1e1_0]

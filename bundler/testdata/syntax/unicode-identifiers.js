const café = 'crème', \u0061bc = 'escaped', ᚠ = 1;
export default () => [café, abc, ᚠ, 'line\u2028sep'.length]

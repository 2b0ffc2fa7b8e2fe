export default () => { const a = [3, 1, 2]; return [a.findLast((x) => x > 1), a.findLastIndex((x) => x > 5), a.toSorted(), a.toReversed(), a.with(0, 9), a.toSpliced(1, 1), a] }

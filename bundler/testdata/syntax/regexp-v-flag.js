// known-deviation: Invalid flags supplied to RegExp constructor 'v'
export default () => [/[\w--\d]+/v.exec('ab12cd')[0], /[[a-z]&&[aeiou]]+/v.exec('xyzaeb')[0]]

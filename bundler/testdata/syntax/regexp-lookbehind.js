export default () => ['$42 and €7'.match(/(?<=\$)\d+/)[0], 'a1b2c3'.replace(/(?<![ab])\d/g, '#')]

#!/usr/bin/env node
export default () => 'hashbang ok'

import * as cheerio from "cheerio";

export default () => [{}, async (request: any) => {
  const $ = cheerio.load('<ul id="fruits"><li class="apple">Apple</li><li class="orange">Orange</li><li class="pear">Pear</li></ul>');
  $("li.pear").addClass("ripe").attr("data-x", "1");
  $("ul").append("<li>Plum</li>");
  return { items: $("li").map((_, el) => $(el).text()).get(), html: $.html("ul"), count: $("li").length, attr: $(".ripe").attr("data-x") };
}];

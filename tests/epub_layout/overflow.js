// Opens each XHTML chapter of an unpacked EPUB in headless Chromium at phone widths and text
// sizes, and prints one JSON line per chapter and setting: how much wider than the screen the
// page is (0: it fits). Run by tests/epub_layout.rs with the puppeteer Ace by DAISY brings.
//   node overflow.js PUPPETEER_DIR BOOK_DIR chapter.xhtml…
const path = require("path");
const puppeteer = require(path.join(process.argv[2], "puppeteer"));

(async () => {
  const [book, ...chapters] = process.argv.slice(3);
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage();
    for (const width of [320, 390]) {
      await page.setViewport({ width, height: 800 });
      for (const chapter of chapters) {
        await page.goto("file://" + path.join(book, chapter), { waitUntil: "load" });
        for (const percent of [100, 150, 200]) {
          // The reader's text size, as a reading system sets it: on the root element.
          const overflow = await page.evaluate((percent) => {
            document.documentElement.style.fontSize = percent + "%";
            const root = document.documentElement;
            let widest = "";
            let most = 0;
            for (const element of document.body.querySelectorAll("*")) {
              const right = element.getBoundingClientRect().right;
              if (right - root.clientWidth > most) {
                most = right - root.clientWidth;
                widest = element.tagName + ": " + (element.textContent || "").slice(0, 60);
              }
            }
            return { over: Math.max(0, root.scrollWidth - root.clientWidth, Math.ceil(most)), widest };
          }, percent);
          console.log(JSON.stringify({ chapter, width, percent, ...overflow }));
        }
      }
    }
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

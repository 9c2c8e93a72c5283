/* Sphinx 9's language_data.js for Chinese sets window.Stemmer = ChineseStemmer but defines only
   EnglishStemmer; this maps the one to the other (Chinese words pass through the English
   stemmer unchanged).  Loaded before language_data.js. */
if (typeof window.ChineseStemmer === "undefined") {
  window.ChineseStemmer = function () { return new EnglishStemmer(); };
}

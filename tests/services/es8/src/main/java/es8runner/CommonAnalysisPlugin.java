package es8runner;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.compound.CompoundWordTokenFilterBase;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.ScandinavianFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.ScandinavianNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.classic.ClassicTokenizer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.analysis.path.PathHierarchyTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Stand-in for Elasticsearch's analysis-common module (not published to Maven Central):
 * registers the commonly used token filters, tokenizers, char filters and language
 * analyzers under their Elasticsearch names, wrapping the Lucene implementations.
 * Settings names and defaults follow the Elasticsearch reference docs.
 */
public class CommonAnalysisPlugin extends Plugin implements AnalysisPlugin {

    /** Builds the per-index token stream transformation from the component's settings. */
    interface FilterBuilder {
        Function<TokenStream, TokenStream> build(IndexSettings indexSettings, Environment env, Settings s) throws IOException;
    }

    static AnalysisProvider<TokenFilterFactory> filter(boolean normalizing, FilterBuilder builder) {
        return (indexSettings, env, name, s) -> {
            Function<TokenStream, TokenStream> fn = builder.build(indexSettings, env, s);
            if (normalizing) {
                return new NormalizingFilter(name, s, fn);
            }
            return new AbstractTokenFilterFactory(name, s) {
                @Override
                public TokenStream create(TokenStream ts) {
                    return fn.apply(ts);
                }
            };
        };
    }

    /** A filter that is also applied when normalizing query terms (wildcard, prefix, normalizers). */
    static final class NormalizingFilter extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final Function<TokenStream, TokenStream> fn;

        NormalizingFilter(String name, Settings s, Function<TokenStream, TokenStream> fn) {
            super(name, s);
            this.fn = fn;
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return fn.apply(ts);
        }
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> f = new TreeMap<>();
        f.put("asciifolding", filter(true, (is, env, s) -> {
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return ts -> new ASCIIFoldingFilter(ts, preserve);
        }));
        f.put("lowercase", filter(true, (is, env, s) -> {
            String lang = s.get("language");
            if (lang == null) return LowerCaseFilter::new;
            return switch (lang.toLowerCase(Locale.ROOT)) {
                case "greek" -> GreekLowerCaseFilter::new;
                case "irish" -> IrishLowerCaseFilter::new;
                case "turkish" -> TurkishLowerCaseFilter::new;
                default -> throw new IllegalArgumentException("language [" + lang + "] not support for lower case");
            };
        }));
        f.put("uppercase", filter(true, (is, env, s) -> UpperCaseFilter::new));
        AnalysisProvider<TokenFilterFactory> ngram = filter(false, (is, env, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            checkNgramDiff(is, min, max, "NGram Token Filter");
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return ts -> new NGramTokenFilter(ts, min, max, preserve);
        });
        f.put("ngram", ngram);
        f.put("nGram", ngram);
        AnalysisProvider<TokenFilterFactory> edgeNgram = filter(false, (is, env, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return ts -> new EdgeNGramTokenFilter(ts, min, max, preserve);
        });
        f.put("edge_ngram", edgeNgram);
        f.put("edgeNGram", edgeNgram);
        f.put("stemmer", filter(false, (is, env, s) -> stemmer(s.get("language", s.get("name", "english")))));
        f.put("snowball", filter(false, (is, env, s) -> {
            String lang = s.get("language", "English");
            return ts -> new SnowballFilter(ts, lang);
        }));
        f.put("porter_stem", filter(false, (is, env, s) -> PorterStemFilter::new));
        f.put("kstem", filter(false, (is, env, s) -> KStemFilter::new));
        f.put("elision", AnalysisPlugin.requiresAnalysisSettings(filter(true, (is, env, s) -> {
            CharArraySet articles = Analysis.parseArticles(env, s);
            CharArraySet set = articles != null ? articles : FrenchAnalyzer.DEFAULT_ARTICLES;
            return ts -> new ElisionFilter(ts, set);
        })));
        f.put("german_normalization", filter(true, (is, env, s) -> GermanNormalizationFilter::new));
        f.put("scandinavian_normalization", filter(true, (is, env, s) -> ScandinavianNormalizationFilter::new));
        f.put("scandinavian_folding", filter(true, (is, env, s) -> ScandinavianFoldingFilter::new));
        f.put("decimal_digit", filter(true, (is, env, s) -> DecimalDigitFilter::new));
        f.put("trim", filter(true, (is, env, s) -> TrimFilter::new));
        f.put("reverse", filter(false, (is, env, s) -> ReverseStringFilter::new));
        f.put("truncate", filter(false, (is, env, s) -> {
            int length = s.getAsInt("length", 10);
            return ts -> new TruncateTokenFilter(ts, length);
        }));
        f.put("length", filter(false, (is, env, s) -> {
            int min = s.getAsInt("min", 0), max = s.getAsInt("max", Integer.MAX_VALUE);
            return ts -> new LengthFilter(ts, min, max);
        }));
        f.put("unique", filter(false, (is, env, s) -> RemoveDuplicatesTokenFilter::new));
        f.put("dictionary_decompounder", AnalysisPlugin.requiresAnalysisSettings(filter(false, (is, env, s) -> {
            CharArraySet words = Analysis.getWordSet(env, s, "word_list");
            if (words == null) throw new IllegalArgumentException("word_list or word_list_path must be provided for [dictionary_decompounder]");
            CharArraySet dictionary = new CharArraySet(words, true);
            int minWord = s.getAsInt("min_word_size", CompoundWordTokenFilterBase.DEFAULT_MIN_WORD_SIZE);
            int minSubword = s.getAsInt("min_subword_size", CompoundWordTokenFilterBase.DEFAULT_MIN_SUBWORD_SIZE);
            int maxSubword = s.getAsInt("max_subword_size", CompoundWordTokenFilterBase.DEFAULT_MAX_SUBWORD_SIZE);
            boolean longest = s.getAsBoolean("only_longest_match", false);
            return ts -> new DictionaryCompoundWordTokenFilter(ts, dictionary, minWord, minSubword, maxSubword, longest);
        })));
        f.put("keyword_marker", AnalysisPlugin.requiresAnalysisSettings(filter(false, (is, env, s) -> {
            boolean ignoreCase = s.getAsBoolean("ignore_case", false);
            CharArraySet keywords = Analysis.getWordSet(env, s, "keywords");
            CharArraySet set = keywords == null ? CharArraySet.EMPTY_SET : new CharArraySet(keywords, ignoreCase);
            return ts -> new SetKeywordMarkerFilter(ts, set);
        })));
        f.put("word_delimiter_graph", filter(false, (is, env, s) -> {
            int flags = wordDelimiterFlags(s);
            boolean adjustOffsets = s.getAsBoolean("adjust_offsets", true);
            CharArraySet prot = protectedWords(env, s);
            return ts -> new WordDelimiterGraphFilter(ts, adjustOffsets, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, flags, prot);
        }));
        f.put("word_delimiter", filter(false, (is, env, s) -> {
            int flags = wordDelimiterFlags(s);
            CharArraySet prot = protectedWords(env, s);
            return ts -> new WordDelimiterFilter(ts, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, flags, prot);
        }));
        // Like Elasticsearch, components that need settings are not instantiated with defaults under their type name.
        f.put("synonym", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> new SynonymFactory(name, s, env, false)));
        f.put("synonym_graph", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> new SynonymFactory(name, s, env, true)));
        return f;
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(
            PreConfiguredTokenFilter.singleton("asciifolding", true, ASCIIFoldingFilter::new),
            PreConfiguredTokenFilter.singleton("uppercase", true, UpperCaseFilter::new),
            PreConfiguredTokenFilter.singleton("elision", true, ts -> new ElisionFilter(ts, FrenchAnalyzer.DEFAULT_ARTICLES)),
            PreConfiguredTokenFilter.singleton("german_normalization", true, GermanNormalizationFilter::new),
            PreConfiguredTokenFilter.singleton("trim", true, TrimFilter::new),
            PreConfiguredTokenFilter.singleton("porter_stem", false, PorterStemFilter::new),
            PreConfiguredTokenFilter.singleton("kstem", false, KStemFilter::new),
            PreConfiguredTokenFilter.singleton("unique", false, RemoveDuplicatesTokenFilter::new),
            PreConfiguredTokenFilter.singleton("reverse", false, ReverseStringFilter::new),
            PreConfiguredTokenFilter.singleton("snowball", false, ts -> new SnowballFilter(ts, "English")),
            PreConfiguredTokenFilter.singleton("word_delimiter_graph", false, false, ts -> new WordDelimiterGraphFilter(
                ts, true, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, defaultWordDelimiterFlags(), null))
        );
    }

    static void checkNgramDiff(IndexSettings is, int min, int max, String what) {
        int allowed = is == null ? 1 : is.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in " + what
                + " must be less than or equal to: [" + allowed + "] but was [" + (max - min)
                + "]. This limit can be set by changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                + "] index level setting.");
        }
    }

    /** Same language names as Elasticsearch's stemmer token filter (the common ones). */
    static Function<TokenStream, TokenStream> stemmer(String language) {
        String lang = language.toLowerCase(Locale.ROOT);
        return switch (lang) {
            case "english", "porter" -> PorterStemFilter::new;
            case "light_english", "kstem" -> KStemFilter::new;
            case "minimal_english" -> EnglishMinimalStemFilter::new;
            case "possessive_english" -> EnglishPossessiveFilter::new;
            case "porter2" -> ts -> new SnowballFilter(ts, "English");
            case "german", "german2" -> ts -> new SnowballFilter(ts, "German");
            case "light_german" -> GermanLightStemFilter::new;
            case "minimal_german" -> GermanMinimalStemFilter::new;
            case "french" -> ts -> new SnowballFilter(ts, "French");
            case "light_french" -> FrenchLightStemFilter::new;
            case "minimal_french" -> FrenchMinimalStemFilter::new;
            case "italian" -> ts -> new SnowballFilter(ts, "Italian");
            case "light_italian" -> ItalianLightStemFilter::new;
            case "light_spanish" -> SpanishLightStemFilter::new;
            case "light_portuguese" -> PortugueseLightStemFilter::new;
            case "light_russian" -> RussianLightStemFilter::new;
            case "dutch", "spanish", "portuguese", "russian", "swedish", "danish", "norwegian", "finnish", "hungarian",
                "romanian", "turkish", "catalan", "basque", "irish", "lithuanian", "estonian", "armenian", "serbian" -> {
                String snowball = Character.toUpperCase(lang.charAt(0)) + lang.substring(1);
                yield ts -> new SnowballFilter(ts, snowball);
            }
            default -> throw new IllegalArgumentException("es8-runner: unsupported stemmer language [" + language + "]");
        };
    }

    static int defaultWordDelimiterFlags() {
        return WordDelimiterGraphFilter.GENERATE_WORD_PARTS | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;
    }

    static int wordDelimiterFlags(Settings s) {
        int flags = 0;
        if (s.getAsBoolean("generate_word_parts", true)) flags |= WordDelimiterGraphFilter.GENERATE_WORD_PARTS;
        if (s.getAsBoolean("generate_number_parts", true)) flags |= WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS;
        if (s.getAsBoolean("catenate_words", false)) flags |= WordDelimiterGraphFilter.CATENATE_WORDS;
        if (s.getAsBoolean("catenate_numbers", false)) flags |= WordDelimiterGraphFilter.CATENATE_NUMBERS;
        if (s.getAsBoolean("catenate_all", false)) flags |= WordDelimiterGraphFilter.CATENATE_ALL;
        if (s.getAsBoolean("split_on_case_change", true)) flags |= WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE;
        if (s.getAsBoolean("preserve_original", false)) flags |= WordDelimiterGraphFilter.PRESERVE_ORIGINAL;
        if (s.getAsBoolean("split_on_numerics", true)) flags |= WordDelimiterGraphFilter.SPLIT_ON_NUMERICS;
        if (s.getAsBoolean("stem_english_possessive", true)) flags |= WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;
        if (s.getAsBoolean("ignore_keywords", false)) flags |= WordDelimiterGraphFilter.IGNORE_KEYWORDS;
        return flags;
    }

    static CharArraySet protectedWords(Environment env, Settings s) {
        return Analysis.getWordSet(env, s, "protected_words");
    }

    /**
     * synonym / synonym_graph with inline "synonyms" or a "synonyms_path" file (solr or wordnet format).
     * Like Elasticsearch, the rules are analyzed with the tokenizer and filters preceding this filter.
     */
    static final class SynonymFactory extends AbstractTokenFilterFactory {
        private final Settings settings;
        private final Environment env;
        private final boolean graph;

        SynonymFactory(String name, Settings settings, Environment env, boolean graph) {
            super(name, settings);
            this.settings = settings;
            this.env = env;
            this.graph = graph;
        }

        @Override
        public TokenStream create(TokenStream ts) {
            throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for an analysis chain first");
        }

        @Override
        public TokenFilterFactory getChainAwareTokenFilterFactory(IndexService.IndexCreationContext context, TokenizerFactory tokenizer,
                                                                  List<CharFilterFactory> charFilters, List<TokenFilterFactory> previous,
                                                                  Function<String, TokenFilterFactory> allFilters) {
            Analyzer analyzer = new CustomAnalyzer(tokenizer, charFilters.toArray(new CharFilterFactory[0]),
                previous.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new));
            SynonymMap map;
            try {
                List<String> rules = Analysis.getWordList(env, settings, "synonyms");
                String text = rules == null ? "" : String.join("\n", rules);
                boolean expand = settings.getAsBoolean("expand", true);
                SynonymMap.Parser parser = "wordnet".equalsIgnoreCase(settings.get("format", ""))
                    ? new WordnetSynonymParser(true, expand, analyzer)
                    : new SolrSynonymParser(true, expand, analyzer);
                parser.parse(new StringReader(text));
                map = parser.build();
            } catch (Exception e) {
                throw new IllegalArgumentException("failed to build synonyms for [" + name() + "]", e);
            }
            boolean ignoreCase = settings.getAsBoolean("ignore_case", false);
            String name = name();
            return new AbstractTokenFilterFactory(name, settings) {
                @Override
                @SuppressWarnings("deprecation")
                public TokenStream create(TokenStream ts) {
                    if (map.fst == null) return ts;
                    return graph ? new SynonymGraphFilter(ts, map, ignoreCase) : new SynonymFilter(ts, map, ignoreCase);
                }

                @Override
                public TokenFilterFactory getSynonymFilter() {
                    return IDENTITY_FILTER; // don't apply synonyms when parsing other synonym rules
                }
            };
        }
    }

    // ---------------------------------------------------------------- tokenizers

    interface TokenizerBuilder {
        java.util.function.Supplier<Tokenizer> build(IndexSettings is, Settings s);
    }

    static AnalysisProvider<TokenizerFactory> tokenizer(TokenizerBuilder b) {
        return (is, env, name, s) -> {
            java.util.function.Supplier<Tokenizer> supplier = b.build(is, s);
            return new AbstractTokenizerFactory(is, s, name) {
                @Override
                public Tokenizer create() {
                    return supplier.get();
                }
            };
        };
    }

    /** token_chars / custom_token_chars as in Elasticsearch's ngram tokenizers; null = keep all characters. */
    static IntPredicate tokenChars(Settings s) {
        List<String> classes = s.getAsList("token_chars");
        if (classes.isEmpty()) return null;
        IntPredicate p = c -> false;
        for (String cls : classes) {
            IntPredicate q = switch (cls.toLowerCase(Locale.ROOT)) {
                case "letter" -> Character::isLetter;
                case "digit" -> Character::isDigit;
                case "whitespace" -> Character::isWhitespace;
                case "punctuation" -> c -> switch (Character.getType(c)) {
                    case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                        Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                        Character.OTHER_PUNCTUATION -> true;
                    default -> false;
                };
                case "symbol" -> c -> switch (Character.getType(c)) {
                    case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
                    default -> false;
                };
                case "custom" -> {
                    String custom = s.get("custom_token_chars", "");
                    yield c -> custom.indexOf(c) >= 0;
                }
                default -> throw new IllegalArgumentException("Unknown token type: '" + cls + "'");
            };
            p = p.or(q);
        }
        return p;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> t = new TreeMap<>();
        AnalysisProvider<TokenizerFactory> ngram = tokenizer((is, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            checkNgramDiff(is, min, max, "NGram Tokenizer");
            IntPredicate chars = tokenChars(s);
            if (chars == null) return () -> new NGramTokenizer(min, max);
            return () -> new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return chars.test(chr);
                }
            };
        });
        t.put("ngram", ngram);
        t.put("nGram", ngram);
        AnalysisProvider<TokenizerFactory> edgeNgram = tokenizer((is, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            IntPredicate chars = tokenChars(s);
            if (chars == null) return () -> new EdgeNGramTokenizer(min, max);
            return () -> new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return chars.test(chr);
                }
            };
        });
        t.put("edge_ngram", edgeNgram);
        t.put("edgeNGram", edgeNgram);
        t.put("keyword", tokenizer((is, s) -> {
            int bufferSize = s.getAsInt("buffer_size", 256);
            return () -> new KeywordTokenizer(bufferSize);
        }));
        t.put("whitespace", tokenizer((is, s) -> WhitespaceTokenizer::new));
        t.put("letter", tokenizer((is, s) -> LetterTokenizer::new));
        t.put("classic", tokenizer((is, s) -> ClassicTokenizer::new));
        t.put("uax_url_email", tokenizer((is, s) -> UAX29URLEmailTokenizer::new));
        t.put("path_hierarchy", tokenizer((is, s) -> {
            char delimiter = s.get("delimiter", "/").charAt(0);
            return () -> new PathHierarchyTokenizer(delimiter, delimiter, 0);
        }));
        return t;
    }

    // ---------------------------------------------------------------- char filters

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> c = new TreeMap<>();
        c.put("html_strip", (is, env, name, s) -> {
            var escaped = new java.util.HashSet<>(s.getAsList("escaped_tags"));
            return charFilter(name, r -> new HTMLStripCharFilter(r, escaped.isEmpty() ? null : escaped));
        });
        c.put("mapping", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> {
            NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
            List<String> rules = Analysis.getWordList(env, s, "mappings");
            if (rules != null) {
                for (String rule : rules) {
                    int arrow = rule.indexOf("=>");
                    if (arrow < 0) throw new IllegalArgumentException("Invalid Mapping Rule : [" + rule + "]");
                    b.add(rule.substring(0, arrow).trim(), rule.substring(arrow + 2).trim());
                }
            }
            NormalizeCharMap map = b.build();
            return charFilter(name, r -> new MappingCharFilter(map, r));
        }));
        c.put("pattern_replace", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> {
            Pattern pattern = Pattern.compile(s.get("pattern"));
            String replacement = s.get("replacement", "");
            return charFilter(name, r -> new PatternReplaceCharFilter(pattern, replacement, r));
        }));
        return c;
    }

    static CharFilterFactory charFilter(String name, Function<Reader, Reader> fn) {
        return new AbstractCharFilterFactory(name) {
            @Override
            public Reader create(Reader reader) {
                return fn.apply(reader);
            }
        };
    }

    // ---------------------------------------------------------------- language analyzers

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> a = new TreeMap<>();
        Map<String, String> languages = Map.ofEntries(
            Map.entry("english", "org.apache.lucene.analysis.en.EnglishAnalyzer"),
            Map.entry("german", "org.apache.lucene.analysis.de.GermanAnalyzer"),
            Map.entry("french", "org.apache.lucene.analysis.fr.FrenchAnalyzer"),
            Map.entry("italian", "org.apache.lucene.analysis.it.ItalianAnalyzer"),
            Map.entry("spanish", "org.apache.lucene.analysis.es.SpanishAnalyzer"),
            Map.entry("portuguese", "org.apache.lucene.analysis.pt.PortugueseAnalyzer"),
            Map.entry("dutch", "org.apache.lucene.analysis.nl.DutchAnalyzer"),
            Map.entry("swedish", "org.apache.lucene.analysis.sv.SwedishAnalyzer"),
            Map.entry("danish", "org.apache.lucene.analysis.da.DanishAnalyzer"),
            Map.entry("norwegian", "org.apache.lucene.analysis.no.NorwegianAnalyzer"),
            Map.entry("finnish", "org.apache.lucene.analysis.fi.FinnishAnalyzer"),
            Map.entry("russian", "org.apache.lucene.analysis.ru.RussianAnalyzer")
        );
        languages.forEach((lang, className) -> a.put(lang, (is, env, name, s) -> {
            try {
                Class<?> cls = Class.forName(className);
                CharArraySet defaultStops = (CharArraySet) cls.getMethod("getDefaultStopSet").invoke(null);
                CharArraySet stops = Analysis.parseStopWords(env, s, defaultStops);
                CharArraySet stemExclusion = Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET);
                Analyzer analyzer = (Analyzer) cls.getConstructor(CharArraySet.class, CharArraySet.class).newInstance(stops, stemExclusion);
                return new AbstractIndexAnalyzerProvider<Analyzer>(name, s) {
                    @Override
                    public Analyzer get() {
                        return analyzer;
                    }
                };
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create [" + lang + "] analyzer", e);
            }
        }));
        return a;
    }
}

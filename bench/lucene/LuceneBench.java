// Lucene 8 as a peer engine of the query benchmarks (bench/e2e/query_latency_bench.cc and
// growth_bench.cc drive it; the C++ side is LuceneQueryEngine in bench/e2e/query_engines.cc).
//
//   java -cp CLASSES:JARS LuceneBench index CORPUS.jsonl[.gz] INDEX_DIR [SECONDS_FILE]
//       Builds a new index of the articles (fields id, outlet, date, title, body) and exits;
//       writes the seconds it took inside the JVM (from reading the corpus to the commit) to
//       SECONDS_FILE.
//   java -cp CLASSES:JARS LuceneBench serve INDEX_DIR FROM TO
//       Opens the index (FROM..TO: the ISO date range of the `filtered` class), prints
//       "READY <version> <docs> <segments>", then answers one request a line on stdin:
//         QUERY<TAB>class<TAB>shown (0|1|ids)<TAB>words
//       (1: hits with their title, outlet and date and a snippet; 0: without the snippet;
//       ids: the top docs alone, nothing fetched: Lucene's search time, as quoted elsewhere)
//       with "OK<TAB>shown<TAB>total hits<TAB>microseconds" (or "ERR<TAB>message"), where the
//       time is taken inside the JVM, from parsing the query to the last snippet, so that it
//       excludes the pipe, as the C++ engines are timed in process. QUIT or EOF ends it.
//   java -cp CLASSES:JARS LuceneBench rank INDEX_DIR DEPTH
//       The ranking peer of scripts/eval-ranking.py: reads "qid<TAB>words" lines on stdin and
//       prints the top DEPTH articles of each in TREC run format ("qid Q0 id rank score
//       lucene"), the words parsed as the `or` class is (every word optional).
//
// Lucene defaults throughout: EnglishAnalyzer, BM25Similarity (k1 1.2, b 0.75), the default
// IndexWriterConfig, the classic MultiFieldQueryParser over title and body, UnifiedHighlighter.
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public final class LuceneBench {
  private static final int K = 10;
  private static final String[] TEXT_FIELDS = {"title", "body"};
  private static final Set<String> SHOWN_FIELDS = Set.of("title", "outlet", "date");

  public static void main(String[] args) throws Exception {
    if ((args.length == 3 || args.length == 4) && args[0].equals("index")) {
      long t0 = System.nanoTime();
      index(args[1], args[2]);
      if (args.length == 4) {
        java.nio.file.Files.writeString(
            Paths.get(args[3]), ((System.nanoTime() - t0) / 1e9) + "\n");
      }
    } else if (args.length == 4 && args[0].equals("serve")) {
      serve(args[1], args[2], args[3]);
    } else if (args.length == 3 && args[0].equals("rank")) {
      rank(args[1], Integer.parseInt(args[2]));
    } else {
      System.err.println("usage: LuceneBench index CORPUS INDEX_DIR [SECONDS_FILE] | serve"
          + " INDEX_DIR FROM TO | rank INDEX_DIR DEPTH");
      System.exit(2);
    }
  }

  // --- indexing ---------------------------------------------------------------------------------

  static FacetsConfig facetsConfig() {
    // Both dimensions share the default "$facets" SortedSetDocValues field, so one pass over the
    // matches counts both.
    return new FacetsConfig();
  }

  // "1987-02-26T15:01:01Z" -> 19870226; -1 when the date is not ISO.
  static long day(String date) {
    if (date.length() < 10 || date.charAt(4) != '-' || date.charAt(7) != '-') return -1;
    try {
      return Long.parseLong(date.substring(0, 4) + date.substring(5, 7) + date.substring(8, 10));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static void index(String corpus, String dir) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setSimilarity(new BM25Similarity());
    FacetsConfig facets = facetsConfig();
    try (Directory directory = FSDirectory.open(Paths.get(dir));
        IndexWriter writer = new IndexWriter(directory, config);
        BufferedReader in = open(corpus)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) continue;
        Map<String, String> a = FlatJson.parse(line);
        String title = a.getOrDefault("title", ""), body = a.getOrDefault("body", "");
        // The C++ loader (load_articles) drops these too: every engine indexes the same set.
        if (title.isEmpty() && body.isEmpty()) continue;
        String outlet = a.getOrDefault("outlet", ""), date = a.getOrDefault("date", "");
        Document doc = new Document();
        // The unique key, as plain Xapian's Q term (an indexed, untokenised term); stored for
        // the ranking runs, which name articles by it (the latency classes never fetch it).
        doc.add(new StringField("id", a.getOrDefault("id", ""), Field.Store.YES));
        doc.add(new TextField("title", title, Field.Store.YES));
        // Stored for the highlighter, which re-analyses it (like Xapian's MSet::snippet).
        doc.add(new TextField("body", body, Field.Store.YES));
        doc.add(new StoredField("outlet", outlet));
        doc.add(new StoredField("date", date));
        long d = day(date);
        if (d >= 0) {
          doc.add(new LongPoint("day", d));
          doc.add(new NumericDocValuesField("day", d));
          doc.add(new SortedSetDocValuesFacetField("month", date.substring(0, 7)));
        }
        if (!outlet.isEmpty()) doc.add(new SortedSetDocValuesFacetField("outlet", outlet));
        writer.addDocument(facets.build(doc));
      }
      writer.commit();
    }
  }

  static BufferedReader open(String path) throws IOException {
    PushbackInputStream raw = new PushbackInputStream(new FileInputStream(path), 2);
    byte[] magic = new byte[2];
    int n = raw.read(magic);
    if (n > 0) raw.unread(magic, 0, n);
    InputStream in =
        n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
            ? new GZIPInputStream(raw, 1 << 16)
            : raw;
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  // --- querying ---------------------------------------------------------------------------------

  static final class Engine {
    final IndexSearcher searcher;
    final Analyzer analyzer = new EnglishAnalyzer();
    final MultiFieldQueryParser orParser = new MultiFieldQueryParser(TEXT_FIELDS, analyzer);
    final MultiFieldQueryParser andParser = new MultiFieldQueryParser(TEXT_FIELDS, analyzer);
    final UnifiedHighlighter highlighter;
    final Query dateFilter;
    final SortedSetDocValuesReaderState facetState;  // null when no article has facet values

    Engine(DirectoryReader reader, String from, String to) throws IOException {
      searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
      // Lucene's filter cache would keep the date range as a bit set after a few uses; the
      // benchmark repeats the same queries, which no other engine under test can exploit.
      searcher.setQueryCache(null);
      andParser.setDefaultOperator(QueryParser.Operator.AND);
      highlighter = new UnifiedHighlighter(searcher, analyzer);
      long lo = day(from), hi = day(to);
      dateFilter =
          new IndexOrDocValuesQuery(
              LongPoint.newRangeQuery("day", lo, hi),
              NumericDocValuesField.newSlowRangeQuery("day", lo, hi));
      SortedSetDocValuesReaderState state = null;
      try {
        // Built once per reader, as Lucene's facet module expects (it maps ordinals).
        state = new DefaultSortedSetDocValuesReaderState(reader);
      } catch (IllegalArgumentException noFacets) {
        // An index without any outlet or date: the faceted class reports the error.
      }
      facetState = state;
    }

    // Returns {shown, total hits}.
    long[] run(String cls, String shown, String words) throws Exception {
      final boolean snippets = shown.equals("1");
      final boolean fetch = !shown.equals("ids");
      String escaped = QueryParser.escape(words);
      Query query =
          switch (cls) {
            case "phrase" -> orParser.parse("\"" + escaped + "\"");
            case "and_2_4" -> andParser.parse(escaped);
            default -> orParser.parse(escaped);
          };
      if (cls.equals("filtered")) {
        query =
            new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(dateFilter, BooleanClause.Occur.FILTER)
                .build();
      }
      // totalHitsThreshold = k: Lucene may skip non-competitive blocks (block-max WAND) and
      // count hits only as a lower bound, as Xapian's Enquire does by default.
      TopScoreDocCollector top = TopScoreDocCollector.create(K, K);
      FacetsCollector facetHits = null;
      if (cls.equals("faceted")) {
        if (facetState == null) throw new IllegalStateException("no facet values indexed");
        facetHits = new FacetsCollector();
        searcher.search(query, MultiCollector.wrap(top, facetHits));
      } else {
        searcher.search(query, top);
      }
      TopDocs docs = top.topDocs();
      long sink = 0;
      for (ScoreDoc hit : fetch ? docs.scoreDocs : new ScoreDoc[0]) {
        Document d = searcher.doc(hit.doc, SHOWN_FIELDS);
        sink += d.get("title").length() + d.get("outlet").length() + d.get("date").length();
      }
      if (snippets && docs.scoreDocs.length > 0) {
        for (String s : highlighter.highlight("body", query, docs, 1)) {
          if (s != null) sink += s.length();
        }
      }
      if (facetHits != null) {
        SortedSetDocValuesFacetCounts counts =
            new SortedSetDocValuesFacetCounts(facetState, facetHits);
        for (String dim : new String[] {"outlet", "month"}) {
          var result = counts.getTopChildren(K, dim);
          if (result != null) sink += result.childCount;
        }
      }
      Sink.value += sink;  // keeps the JIT from dropping the fetches
      return new long[] {docs.scoreDocs.length, docs.totalHits.value};
    }
  }

  static final class Sink {
    static volatile long value;
  }

  static void serve(String dir, String from, String to) throws IOException {
    PrintStream out =
        new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
            StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (Directory directory = FSDirectory.open(Paths.get(dir));
        DirectoryReader reader = DirectoryReader.open(directory)) {
      Engine engine = new Engine(reader, from, to);
      out.println("READY\t" + Version.LATEST + "\t" + reader.numDocs() + "\t"
          + reader.leaves().size());
      out.flush();
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.split("\t", 4);
        if (f[0].equals("QUIT")) break;
        if (f.length != 4 || !f[0].equals("QUERY")) {
          out.println("ERR\tbad request: " + line);
        } else {
          try {
            long t0 = System.nanoTime();
            long[] r = engine.run(f[1], f[2], f[3]);
            long ns = System.nanoTime() - t0;
            out.println("OK\t" + r[0] + "\t" + r[1] + "\t" + (ns / 1000.0));
          } catch (Exception e) {
            out.println("ERR\t" + e.toString().replace('\n', ' '));
          }
        }
        out.flush();
      }
    }
  }

  static void rank(String dir, int depth) throws Exception {
    PrintStream out =
        new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
            StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Set<String> idField = Set.of("id");
    try (Directory directory = FSDirectory.open(Paths.get(dir));
        DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
      MultiFieldQueryParser parser = new MultiFieldQueryParser(TEXT_FIELDS, new EnglishAnalyzer());
      // A long headline must not fail the run: Lucene's default limit is 1024 clauses.
      BooleanQuery.setMaxClauseCount(1 << 16);
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.split("\t", 2);
        if (f.length != 2) continue;
        String words = f[1].strip();
        if (words.isEmpty()) continue;
        Query query;
        try {
          query = parser.parse(QueryParser.escape(words));
        } catch (org.apache.lucene.queryparser.classic.ParseException e) {
          System.err.println("query " + f[0] + ": " + e.getMessage());
          continue;  // an empty ranking, as the harness scores a query nothing answers
        }
        // Exact hit counts are not needed; the top DEPTH are ranked exactly either way.
        TopDocs docs = searcher.search(query, depth);
        int r = 0;
        for (ScoreDoc hit : docs.scoreDocs) {
          String id = searcher.doc(hit.doc, idField).get("id");
          out.println(f[0] + " Q0 " + id + " " + (++r) + " " + hit.score + " lucene");
        }
      }
    }
    out.flush();
  }

  // --- JSON Lines -------------------------------------------------------------------------------

  // A parser for one flat JSON object a line: string values are kept, any other value (numbers,
  // arrays such as Reuters' topics, nested objects) is skipped. No JSON jar ships with Debian's
  // Lucene, and the benchmark corpora need no more than this.
  static final class FlatJson {
    private final String s;
    private int i;

    private FlatJson(String s) {
      this.s = s;
    }

    static Map<String, String> parse(String line) {
      FlatJson p = new FlatJson(line);
      Map<String, String> out = new HashMap<>();
      p.ws();
      p.expect('{');
      p.ws();
      if (p.peek() == '}') return out;
      while (true) {
        p.ws();
        String key = p.string();
        p.ws();
        p.expect(':');
        p.ws();
        if (p.peek() == '"') {
          out.put(key, p.string());
        } else {
          p.skipValue();
        }
        p.ws();
        char c = p.next();
        if (c == '}') return out;
        if (c != ',') throw new IllegalArgumentException("expected , or } at " + p.i);
      }
    }

    private char peek() {
      if (i >= s.length()) throw new IllegalArgumentException("unexpected end of line");
      return s.charAt(i);
    }

    private char next() {
      char c = peek();
      ++i;
      return c;
    }

    private void expect(char c) {
      if (next() != c) throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) ++i;
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') return b.toString();
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            // A surrogate pair arrives as two escapes: Java strings are UTF-16 too.
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> b.append(e);  // \" \\ \/
        }
      }
    }

    private void skipValue() {
      char c = peek();
      if (c == '"') {
        string();
      } else if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        ++i;
        ws();
        if (peek() == close) {
          ++i;
          return;
        }
        while (true) {
          ws();
          if (close == '}') {
            string();
            ws();
            expect(':');
            ws();
          }
          skipValue();
          ws();
          char d = next();
          if (d == close) return;
          if (d != ',') throw new IllegalArgumentException("expected , at " + (i - 1));
        }
      } else {
        while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) ++i;
      }
    }
  }
}

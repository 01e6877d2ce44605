datafile = "/work/main/docs/bench/growth.dat"
set key left top
set grid
set logscale x
set xrange [500.0:2000000]
set xlabel 'articles in the corpus'
set terminal svg size 900,600 dynamic noenhanced
set output '/work/main/docs/bench/latency.svg'
set logscale y
set ylabel 'p50 latency (ms)'
set title 'Query latency vs corpus size (solid: newsdex, dashed: SQLite FTS5)'
plot datafile index 0 using 1:2 with linespoints lc 1 dt 1 title 'word_frequent', datafile index 0 using 1:3 with linespoints lc 1 dt 2 notitle, datafile index 1 using 1:2 with linespoints lc 2 dt 1 title 'word_rare', datafile index 1 using 1:3 with linespoints lc 2 dt 2 notitle, datafile index 2 using 1:2 with linespoints lc 3 dt 1 title 'or_2_4', datafile index 2 using 1:3 with linespoints lc 3 dt 2 notitle, datafile index 3 using 1:2 with linespoints lc 4 dt 1 title 'and_2_4', datafile index 3 using 1:3 with linespoints lc 4 dt 2 notitle, datafile index 4 using 1:2 with linespoints lc 5 dt 1 title 'phrase', datafile index 4 using 1:3 with linespoints lc 5 dt 2 notitle, datafile index 5 using 1:2 with linespoints lc 6 dt 1 title 'filtered', datafile index 5 using 1:3 with linespoints lc 6 dt 2 notitle, datafile index 6 using 1:2 with linespoints lc 7 dt 1 title 'faceted', datafile index 6 using 1:3 with linespoints lc 7 dt 2 notitle
set output '/work/main/docs/bench/indexing.svg'
unset logscale y
set yrange [0:*]
set ylabel 'articles indexed per second'
set title 'Indexing throughput vs corpus size'
plot datafile index 7 using 1:2 with linespoints title 'newsdex jobs1', datafile index 7 using 1:3 with linespoints title 'newsdex jobs2', datafile index 7 using 1:4 with linespoints title 'SQLite FTS5'
set autoscale y
set output '/work/main/docs/bench/index-size.svg'
set logscale y
set ylabel 'index size (bytes)'
set title 'Index size vs corpus size'
plot datafile index 8 using 1:2 with linespoints title 'newsdex', datafile index 8 using 1:3 with linespoints title 'SQLite FTS5'
unset logscale y
set terminal pngcairo size 900,600 noenhanced
set output '/work/main/docs/bench/latency.png'
set logscale y
set ylabel 'p50 latency (ms)'
set title 'Query latency vs corpus size (solid: newsdex, dashed: SQLite FTS5)'
plot datafile index 0 using 1:2 with linespoints lc 1 dt 1 title 'word_frequent', datafile index 0 using 1:3 with linespoints lc 1 dt 2 notitle, datafile index 1 using 1:2 with linespoints lc 2 dt 1 title 'word_rare', datafile index 1 using 1:3 with linespoints lc 2 dt 2 notitle, datafile index 2 using 1:2 with linespoints lc 3 dt 1 title 'or_2_4', datafile index 2 using 1:3 with linespoints lc 3 dt 2 notitle, datafile index 3 using 1:2 with linespoints lc 4 dt 1 title 'and_2_4', datafile index 3 using 1:3 with linespoints lc 4 dt 2 notitle, datafile index 4 using 1:2 with linespoints lc 5 dt 1 title 'phrase', datafile index 4 using 1:3 with linespoints lc 5 dt 2 notitle, datafile index 5 using 1:2 with linespoints lc 6 dt 1 title 'filtered', datafile index 5 using 1:3 with linespoints lc 6 dt 2 notitle, datafile index 6 using 1:2 with linespoints lc 7 dt 1 title 'faceted', datafile index 6 using 1:3 with linespoints lc 7 dt 2 notitle
set output '/work/main/docs/bench/indexing.png'
unset logscale y
set yrange [0:*]
set ylabel 'articles indexed per second'
set title 'Indexing throughput vs corpus size'
plot datafile index 7 using 1:2 with linespoints title 'newsdex jobs1', datafile index 7 using 1:3 with linespoints title 'newsdex jobs2', datafile index 7 using 1:4 with linespoints title 'SQLite FTS5'
set autoscale y
set output '/work/main/docs/bench/index-size.png'
set logscale y
set ylabel 'index size (bytes)'
set title 'Index size vs corpus size'
plot datafile index 8 using 1:2 with linespoints title 'newsdex', datafile index 8 using 1:3 with linespoints title 'SQLite FTS5'
unset logscale y

package org.sde4j.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sde4j.cli.experiment.NeuralFit;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.fit.CsvSeries;
import org.sde4j.fit.FitOptions;
import org.sde4j.fit.FitResult;
import org.sde4j.fit.Fitter;
import org.sde4j.fit.GbmModel;
import org.sde4j.fit.OuModel;
import org.sde4j.fit.SeasonalOuModel;
import org.sde4j.fit.Synthetic;
import org.sde4j.fit.TimeSeries;
import org.sde4j.fit.TransitionModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j fit}: maximum-likelihood fit of an SDE to a column of a CSV file, or to a path simulated from
 * known parameters ({@code --synthetic}); prints the estimates with standard errors, the log-likelihood and
 * the held-out score.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit an SDE (exact-likelihood gradient descent) to a series from a CSV file or to a"
                + " simulated path; print estimates ± standard errors, log-likelihood and held-out score.",
        footer = {"", "Examples:",
            "  sde4j fit --model gbm --data bundled:stocks --where symbol=AAPL --column price",
            "  sde4j fit --model ou-seasonal --data bundled:seattle-temps --column temp",
            "  sde4j fit --model ou --synthetic --seed 7",
            "  sde4j fit --model neural --data bundled:stocks --where symbol=IBM --column price --epochs 300",
            "Dates in the time column become days since 1970-01-01; bundled:stocks and bundled:seattle-temps are"
                + " vega-datasets' stocks.csv and seattle-temps.csv (MIT / public domain)."})
public final class FitCommand implements Callable<Integer>, ParameterNames {
    static final List<String> MODELS = List.of("gbm", "log-ou", "ou", "ou-seasonal", "neural");

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "gbm, log-ou (OU on log values), ou, ou-seasonal, or neural (a neural SDE fitted to the"
                    + " windows' moments).")
    private String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    static final class Source {
        @Option(names = "--data", paramLabel = "FILE.csv",
                description = "A CSV file with a header, or bundled:stocks / bundled:seattle-temps.")
        String data;

        @Option(names = "--synthetic", description = "Fit a path simulated from the model's example parameters.")
        boolean synthetic;
    }

    @Option(names = "--column", paramLabel = "NAME", description = "The value column (with --data).")
    private String column;

    @Option(names = "--time", paramLabel = "NAME", description = "The time column (default: the first named date, time or t; else the first).")
    private String time;

    @Option(names = "--where", paramLabel = "COLUMN=VALUE", description = "Keep only the rows where COLUMN = VALUE.")
    private String where;

    @Option(names = "--periods", paramLabel = "P", split = ",", defaultValue = "365.25,1",
            description = "ou-seasonal: the seasonal periods in the time unit (default: ${DEFAULT-VALUE}).")
    private double[] periods;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of --synthetic.")
    private long seed;

    @Option(names = "--held-out", paramLabel = "F", defaultValue = "0.2",
            description = "Share of the last transitions held out for the predictive score (default: ${DEFAULT-VALUE}).")
    private double heldOut;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "800", description = "Adam epochs.")
    private int epochs;

    @Option(names = "--learning-rate", paramLabel = "R", defaultValue = "0.02", description = "Adam's step size.")
    private double learningRate;

    @Option(names = "--time-scale", paramLabel = "D", defaultValue = "1",
            description = "Divide the times by D before fitting (365.25 turns days into years; default: 1).")
    private double timeScale;

    @Option(names = "--window", paramLabel = "L", defaultValue = "12",
            description = "neural: the windows' length in data steps (default: ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "8",
            description = "neural: the hidden width of the drift and diffusion networks (default: ${DEFAULT-VALUE}).")
    private int hidden;

    @Option(names = "--json", description = "Print one JSON object on one line.")
    private boolean json;

    @Override
    public Map<String, String> parameterOptions() {
        return Map.of("heldOutFraction", "--held-out", "learningRate", "--learning-rate", "epochs", "--epochs",
                "filter", "--where", "periods", "--periods", "window", "--window", "hidden", "--hidden");
    }

    @Override
    public Integer call() {
        ParseResult parsed = spec.commandLine().getParseResult();
        if (source.synthetic) {
            for (String dataOnly : List.of("--column", "--time", "--where", "--time-scale")) {
                if (parsed.hasMatchedOption(dataOnly)) {
                    throw new IllegalArgumentException(dataOnly + ": applies to --data only, not --synthetic");
                }
            }
        }
        if (!model.equals("neural")) {
            for (String neuralOnly : List.of("--window", "--hidden")) {
                if (parsed.hasMatchedOption(neuralOnly)) {
                    throw new IllegalArgumentException(neuralOnly + ": applies to --model neural only");
                }
            }
        } else if (parsed.hasMatchedOption("--held-out")) {
            throw new IllegalArgumentException("--held-out: does not apply to --model neural");
        }
        if (!model.equals("ou-seasonal") && parsed.hasMatchedOption("--periods")) {
            throw new IllegalArgumentException("--periods: applies to --model ou-seasonal only");
        }
        if (!(timeScale > 0) || !Double.isFinite(timeScale)) {
            throw new IllegalArgumentException("--time-scale = " + timeScale + ": must be positive and finite");
        }
        if (model.equals("neural")) {
            return neural();
        }
        TransitionModel m = model(model, periods);
        double[] truth = null;
        TimeSeries series;
        if (source.synthetic) {
            Example e = example(m);
            truth = e.theta();
            series = Synthetic.simulate(m, e.theta(), e.x0(), 0, e.dt(), e.n(), seed);
        } else {
            if (column == null) {
                throw new IllegalArgumentException("--column: missing; --data needs the value column's name");
            }
            series = rescale(read(source.data, time, column, where), timeScale);
        }
        FitResult fit = Fitter.fit(m, series, new FitOptions(learningRate, epochs, 20, heldOut));
        PrintWriter out = spec.commandLine().getOut();
        double[] trueNatural = truth == null ? null : m.natural(truth);
        if (json) {
            out.println(json(fit, series, trueNatural));
        } else {
            print(out, fit, series, trueNatural);
        }
        out.flush();
        return 0;
    }

    /** {@code --model neural}: a neural SDE fitted to the series' windows ({@link NeuralFit}). */
    private int neural() {
        TimeSeries series;
        if (source.synthetic) {
            Example e = example(GbmModel.INSTANCE);
            series = Synthetic.simulate(GbmModel.INSTANCE, e.theta(), e.x0(), 0, e.dt(), e.n(), seed);
        } else {
            if (column == null) {
                throw new IllegalArgumentException("--column: missing; --data needs the value column's name");
            }
            series = read(source.data, time, column, where);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("--hidden = " + hidden + ": must be at least 1");
        }
        NeuralFit.Result r = NeuralFit.fit(series, window, hidden, epochs, learningRate, seed);
        PrintWriter out = spec.commandLine().getOut();
        double[] c = r.curve();
        if (json) {
            out.println(Json.object().put("model", "neural").put("series", series.name()).put("points", series.size())
                    .put("windows", r.windows()).put("window", r.window()).put("logarithmic", r.logarithmic())
                    .put("scale", r.scale()).put("parameters", r.parameters()).put("epochs", c.length)
                    .put("firstLoss", c[0]).put("finalLoss", c[c.length - 1]).put("dataMean", r.dataMean())
                    .put("dataVariance", r.dataVariance()).put("modelMean", r.modelMean())
                    .put("modelVariance", r.modelVariance()).build());
        } else {
            Format.printf(out, "model     neural SDE (%d parameters, hidden width %d) on '%s': %d points, %d windows of %d"
                    + " steps of %s, divided by the one-step sd %s%n", r.parameters(), hidden, series.name(),
                    series.size(), r.windows(), r.window(), r.logarithmic() ? "log values" : "values",
                    Format.compact(r.scale()));
            StringBuilder sampled = new StringBuilder();
            for (int e = 0; e < c.length; e += Math.max(1, c.length / 8)) {
                sampled.append(Format.f(" %d:%.4g", e + 1, c[e]));
            }
            Format.printf(out, "loss      moment matching, %d Adam epochs on %d paths: %.4g → %.4g  (epoch:loss%s)%n", c.length,
                    NeuralFit.PATHS, c[0], c[c.length - 1], sampled);
            Format.printf(out, "%-8s %12s %12s %12s %12s%n", "horizon", "data mean", "model mean", "data var", "model var");
            for (int k = 0; k < r.window(); k++) {
                Format.printf(out, "%-8d %12.4f %12.4f %12.4f %12.4f%n", k + 1, r.dataMean()[k], r.modelMean()[k],
                        r.dataVariance()[k], r.modelVariance()[k]);
            }
        }
        out.flush();
        return 0;
    }

    /** The model named {@code name}. */
    static TransitionModel model(String name, double[] periods) {
        return switch (name) {
            case "gbm" -> GbmModel.INSTANCE;
            case "ou" -> OuModel.plain();
            case "log-ou" -> OuModel.ofLogarithm();
            case "ou-seasonal" -> new SeasonalOuModel(periods);
            default -> throw new IllegalArgumentException("--model = '" + name + "': unknown; the models are "
                    + String.join(", ", MODELS));
        };
    }

    /** Example parameters and sampling of {@code --synthetic}. */
    record Example(double[] theta, double x0, double dt, int n) {
    }

    static Example example(TransitionModel m) {
        return switch (m.name()) {
            case "gbm" -> new Example(GbmModel.theta(0.08, 0.3), 100, 1.0 / 252, 2521);
            case "ou" -> new Example(OuModel.theta(2, 1, 0.5), 0, 0.01, 5001);
            case "log-ou" -> new Example(OuModel.theta(1.5, Math.log(50), 0.4), 40, 1.0 / 52, 3001);
            default -> {
                double[] theta = new double[m.parameterCount()];
                theta[0] = 52;
                theta[1] = -3;
                theta[2] = -10;
                if (theta.length > 5) {
                    theta[3] = 4;
                    theta[4] = -2;
                }
                theta[theta.length - 2] = Math.log(8);
                theta[theta.length - 1] = Math.log(12);
                yield new Example(theta, 45, 1.0 / 24, 8760);
            }
        };
    }

    /** Reads a series from a file or a bundled data set. */
    static TimeSeries read(String data, String time, String column, String where) {
        if (data.startsWith("bundled:")) {
            String name = data.substring("bundled:".length());
            if (!List.of("stocks", "seattle-temps").contains(name)) {
                throw new IllegalArgumentException("--data = '" + data + "': the bundled sets are bundled:stocks and"
                        + " bundled:seattle-temps");
            }
            InputStream in = FitCommand.class.getResourceAsStream("/org/sde4j/cli/data/vega-datasets/" + name + ".csv");
            if (in == null) {
                throw new IllegalStateException("bundled data set " + name + " is missing from the jar");
            }
            return CsvSeries.read(new InputStreamReader(in, StandardCharsets.UTF_8), name + ".csv", time, column,
                    where);
        }
        Path path = Path.of(data);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--data = '" + data + "': no such file");
        }
        try {
            // Undecodable bytes become U+FFFD, which CsvSeries refuses naming the line.
            Reader reader = new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8);
            return CsvSeries.read(reader, path.getFileName().toString(), time, column, where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The series with its times divided by {@code scale}. */
    static TimeSeries rescale(TimeSeries s, double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("--time-scale = " + scale + ": must be positive and finite");
        }
        double[] t = new double[s.size()];
        double[] x = new double[s.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.time(i) / scale;
            x[i] = s.value(i);
        }
        return new TimeSeries(s.name(), t, x);
    }

    private static void print(PrintWriter out, FitResult fit, TimeSeries s, double[] truth) {
        Format.printf(out, "model     %s on '%s': %d points, t from %s to %s%n", fit.model(), s.name(), s.size(),
                Format.compact(s.time(0)), Format.compact(s.time(s.size() - 1)));
        Format.printf(out, "%-10s %14s %12s%s%n", "parameter", "estimate", "std. error", truth == null ? "" : "          true");
        for (int j = 0; j < fit.estimates().length; j++) {
            Format.printf(out, "%-10s %14.6g %12.4g%s%n", fit.names().get(j), fit.estimates()[j], fit.standardErrors()[j],
                    truth == null ? "" : Format.f("  %12.6g", truth[j]));
        }
        Format.printf(out, "log-likelihood %.4f over %d training transitions (AIC %.2f)%n", fit.logLikelihood(),
                fit.transitions(), 2 * fit.estimates().length - 2 * fit.logLikelihood());
        if (fit.heldOut() == 0) {
            out.println("held-out  n/a: no transition held out (--held-out 0)");
        } else {
            out.println(Format.f("held-out  mean log predictive density %.5f per transition over the last %d",
                    fit.heldOutScore(), fit.heldOut()));
        }
        Format.printf(out, "optimiser %d Adam epochs then Newton; final loss %.6f; max |gradient| per transition %.2e%n",
                fit.epochs(), fit.lossCurve()[fit.lossCurve().length - 1], fit.gradientNorm());
    }

    private static String json(FitResult fit, TimeSeries s, double[] truth) {
        Json.ObjectBuilder estimates = Json.object();
        Json.ObjectBuilder errors = Json.object();
        Json.ObjectBuilder trueValues = Json.object();
        for (int j = 0; j < fit.estimates().length; j++) {
            estimates.put(fit.names().get(j), fit.estimates()[j]);
            errors.put(fit.names().get(j), fit.standardErrors()[j]);
            if (truth != null) {
                trueValues.put(fit.names().get(j), truth[j]);
            }
        }
        Json.ObjectBuilder o = Json.object().put("model", fit.model()).put("series", s.name())
                .put("points", s.size()).put("estimates", estimates).put("standardErrors", errors);
        if (truth != null) {
            o.put("true", trueValues);
        }
        return o.put("logLikelihood", fit.logLikelihood()).put("transitions", fit.transitions())
                .put("heldOutScore", fit.heldOutScore()).put("heldOut", fit.heldOut()).put("epochs", fit.epochs())
                .put("finalLoss", fit.lossCurve()[fit.lossCurve().length - 1])
                .put("gradientNorm", fit.gradientNorm()).build();
    }

    @Override
    public String toString() {
        return "fit " + model + " " + Arrays.toString(periods);
    }
}

// Imported first by benchmarks that call lib functions directly: no in-process scheduler runs
// pushes or sweeps beside the measurement (in production they run in Inngest workers).
process.env.SCHEDULER = "off";

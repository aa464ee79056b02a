"""Forecasts of a partnership's KPIs before the campaign, learned from the workspace's own
history: pure functions on plain data (no Django), like `aftercast.stats`. The model is
described in plain words in docs/forecast.md."""

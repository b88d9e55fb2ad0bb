package dev.adsgraph.products;

import java.time.LocalDate;
import java.util.Map;

/**
 * What one sales and traffic report gives: per ASIN over the whole range, and per day for
 * the whole catalogue (a day's figures are not split by ASIN in Amazon's report).
 */
record RetailFigures(Map<String, RetailSales> byAsin, Map<LocalDate, RetailSales> byDate) {
}

"""The daily features table of `forecast etl`, computed on Apache Spark.

For transactions that already live where Spark runs (HDFS, S3, a lakehouse) and have outgrown one
machine. The table is the one `forecast etl` writes (README, "Data and ETL"):

    date,ca_total,nb_commandes,label

one row per calendar day from the first to the last day with sales, days without sales as zeros,
`nb_commandes` the distinct order ids of the day (a refund line counts its order on the refund's
own day; rows when there is no order column), refunds negative on their day, `label` the next
day's `ca_total` and the last day (no label yet) left out. The amount is the amount column, else
quantity x unit price. A row whose date, amount or order id cannot be read is skipped and
counted; above --max-bad-fraction of the rows read the run fails and writes nothing.

Input: CSV (header line; delimiter `,` `;` or tab detected from the header, or --delimiter) or
Parquet, on any path Spark reads (a file, a folder, a glob, hdfs://, s3a://). Output: a folder of
part files (Spark's own layout, which `forecast train --features FOLDER` reads as it is), or with
--single-file one CSV file with the header, in date order, ready for any `forecast` command.

    spark-submit scripts/spark/daily_features.py --input s3a://shop/orders/ --output s3a://shop/features/
    python scripts/spark/daily_features.py --input data/raw/ventes_ecommerce.csv --output /tmp/features.csv --single-file

Amounts are summed as decimals (exact), then written as doubles.
"""

import argparse
import os
import sys
import unicodedata

from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

# Column names recognised when no option names them, compared with case, accents, spaces, `_`
# and `-` removed: the same names `forecast etl` looks for.
DATE_NAMES = ["date", "datetime", "timestamp", "orderdate", "orderdatetime", "invoicedate", "purchasedate",
              "transactiondate", "saledate", "createdat", "datecommande", "datedecommande", "dateheure",
              "datevente", "datetransaction", "horodatage", "jour", "day"]
AMOUNT_NAMES = ["amount", "montant", "total", "totalamount", "totalprice", "linetotal", "lineamount", "montantttc",
                "montanttotal", "totalttc", "revenue", "sales", "saleamount", "ordertotal", "ca",
                "chiffredaffaires", "purchaseprice", "purchaseamount"]
PRICE_NAMES = ["price", "prix", "unitprice", "prixunitaire", "priceeach", "unitcost", "pu"]
QUANTITY_NAMES = ["quantity", "qty", "quantite", "qte", "units", "nbarticles", "quantityordered"]
ORDER_NAMES = ["orderid", "order", "ordernumber", "orderno", "commande", "idcommande", "commandeid", "numcommande",
               "numerocommande", "nocommande", "ncommande", "refcommande", "invoice", "invoiceno", "invoiceid",
               "invoicenumber", "transactionid"]

# Exact decimal sums: 38 digits, 9 after the point, far beyond any shop's daily revenue.
MONEY = T.DecimalType(38, 9)


def fail(message):
    print(f"daily_features: {message}", file=sys.stderr)
    sys.exit(1)


def normalised(name):
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).lower()


def find_column(columns, given, option, names):
    """The column named by `option` (which must exist), else the first whose normalised name is in `names`."""
    if given is not None:
        if given not in columns:
            fail(f"column '{given}' given by {option} is not in the input (columns: {', '.join(columns)})")
        return given
    by_name = {normalised(c): c for c in reversed(columns)}
    for name in names:
        if name in by_name:
            return by_name[name]
    return None


def detect_delimiter(spark, path):
    """The most frequent of `,` `;` tab outside quotes in the header line."""
    first = spark.read.text(path).limit(1).collect()
    if not first:
        fail(f"{path} is empty: expected a header line and transactions")
    counts, quoted = {",": 0, ";": 0, "\t": 0}, False
    for char in first[0][0]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=lambda c: (counts[c], c == ","))


def read_transactions(spark, args):
    if args.format == "parquet" or (args.format == "auto" and args.input.rstrip("/").endswith(".parquet")):
        return spark.read.parquet(args.input)
    delimiter = {"tab": "\t"}.get(args.delimiter, args.delimiter) or detect_delimiter(spark, args.input)
    # Every field as text: numbers and dates are read below, so that a bad value skips its row
    # (counted) instead of failing the job or being silently guessed. RFC 4180 quotes: `""`.
    return (spark.read.option("header", True).option("sep", delimiter).option("quote", '"')
            .option("escape", '"').option("multiLine", args.multiline).option("mode", "PERMISSIVE")
            .option("encoding", "UTF-8").csv(args.input))


def day_of(column, dtype, month_first):
    """The calendar day written in a date/time value; a zoned timestamp counts on its local day."""
    if isinstance(dtype, (T.DateType, T.TimestampType, T.TimestampNTZType)):
        return F.to_date(column)
    text = F.trim(column.cast("string"))
    iso = F.regexp_extract(text, r"^(\d{4})-(\d{2})-(\d{2})", 0)
    slashed_ymd = F.regexp_extract(text, r"^(\d{4})/(\d{2})/(\d{2})", 0)
    compact = F.regexp_extract(text, r"^(\d{8})(?:$|[ T])", 1)
    dmy = r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})"
    first, second, year = (F.regexp_extract(text, dmy, i) for i in (1, 2, 3))
    day, month = (second, first) if month_first else (first, second)
    return F.coalesce(
        F.to_date(F.when(iso != "", iso), "yyyy-MM-dd"),
        F.to_date(F.when(slashed_ymd != "", slashed_ymd), "yyyy/MM/dd"),
        F.to_date(F.when(compact != "", compact), "yyyyMMdd"),
        F.to_date(F.when(year != "", F.concat_ws("-", year, F.lpad(month, 2, "0"), F.lpad(day, 2, "0"))), "yyyy-MM-dd"),
    )


def money(column, dtype):
    """A number as an exact decimal; text with a `$` `€` `£` sign or spaces around it is accepted."""
    if isinstance(dtype, T.NumericType):
        return column.cast(MONEY)
    cleaned = F.regexp_replace(F.trim(column.cast("string")), r"^[$€£]\s*|\s*[$€£]$", "")
    return cleaned.cast(MONEY)


def daily_table(spark, raw, args):
    columns = raw.columns
    types = {f.name: f.dataType for f in raw.schema.fields}
    date_col = find_column(columns, args.date_column, "--date-column", DATE_NAMES)
    if date_col is None:
        fail(f"no date column among {', '.join(columns)}; name it with --date-column")
    order_col = find_column(columns, args.order_column, "--order-column", ORDER_NAMES)
    amount_col = find_column(columns, args.amount_column, "--amount-column", AMOUNT_NAMES)
    if amount_col is not None:
        amount = money(F.col(amount_col), types[amount_col])
        amount_text = amount_col
    else:
        quantity_col = find_column(columns, args.quantity_column, "--quantity-column", QUANTITY_NAMES)
        price_col = find_column(columns, args.price_column, "--price-column", PRICE_NAMES)
        if quantity_col is None or price_col is None:
            fail(f"no amount column among {', '.join(columns)}; name it with --amount-column, "
                 "or give --quantity-column and --price-column")
        amount = (money(F.col(quantity_col), types[quantity_col]) * money(F.col(price_col), types[price_col])).cast(MONEY)
        amount_text = f"{quantity_col} x {price_col}"
    print(f"daily_features: date '{date_col}', amount '{amount_text}', orders '{order_col or '(none: rows)'}'",
          file=sys.stderr)

    day = day_of(F.col(date_col), types[date_col], args.month_first)
    order = F.trim(F.col(order_col).cast("string")) if order_col else F.lit("row")
    readable = day.isNotNull() & amount.isNotNull() & (order.isNotNull() & (order != "") if order_col else F.lit(True))
    rows = raw.select(F.when(readable, day).alias("day"), F.when(readable, amount).alias("amount"),
                      F.when(readable, order).alias("order"))
    # One pass over the transactions: per day the revenue, the orders and the rows; unreadable
    # rows land in the day-less group and are only counted.
    orders = F.countDistinct("order") if order_col else F.count(F.lit(1))
    per_day = (rows.groupBy("day")
               .agg(F.sum("amount").alias("ca_total"), orders.alias("nb_commandes"), F.count(F.lit(1)).alias("rows"))
               .cache())
    counts = per_day.agg(F.sum("rows").alias("read"), F.sum(F.when(F.col("day").isNull(), F.col("rows"))).alias("bad"),
                         F.min("day").alias("first"), F.max("day").alias("last")).collect()[0]
    read, bad = counts["read"] or 0, counts["bad"] or 0
    if read == 0:
        fail(f"{args.input} has no transactions")
    if bad > args.max_bad_fraction * read:
        fail(f"{bad} of {read} rows cannot be read (date, amount or order id), above --max-bad-fraction "
             f"{args.max_bad_fraction}; check the columns or raise the fraction")
    if counts["first"] == counts["last"]:
        fail(f"{args.input} covers one day only ({counts['first']}): a label needs the next day")
    print(f"daily_features: read {read} rows, skipped {bad}; days {counts['first']} to {counts['last']}", file=sys.stderr)

    # Every calendar day from the first to the last, days without sales as zeros, then the label.
    calendar = spark.createDataFrame([(counts["first"], counts["last"])], "first date, last date").select(
        F.explode(F.sequence("first", "last", F.expr("interval 1 day"))).alias("day"))
    days = (calendar.join(per_day.where(F.col("day").isNotNull()), "day", "left")
            .select("day", F.coalesce("ca_total", F.lit(0).cast(MONEY)).alias("ca_total"),
                    F.coalesce("nb_commandes", F.lit(0)).cast("long").alias("nb_commandes")))
    by_day = Window.orderBy("day")  # a few thousand rows: one partition is fine
    return (days.withColumn("label", F.lead("ca_total").over(by_day))
            .where(F.col("label").isNotNull())
            .select(F.date_format("day", "yyyy-MM-dd").alias("date"), F.col("ca_total").cast("double").alias("ca_total"),
                    "nb_commandes", F.col("label").cast("double").alias("label"))
            .orderBy("date"))


def write(spark, table, args):
    if not args.single_file:
        table.write.mode("overwrite").option("header", True).csv(args.output)
        return
    # One part written beside the target, then renamed onto it through Hadoop's FileSystem, so
    # this works on every file system Spark writes to, and a failed run leaves no half file.
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    target = jvm.org.apache.hadoop.fs.Path(args.output)
    staging = jvm.org.apache.hadoop.fs.Path(args.output + ".spark-staging")
    fs = target.getFileSystem(conf)
    table.coalesce(1).write.mode("overwrite").option("header", True).csv(staging.toString())
    parts = [s.getPath() for s in fs.listStatus(staging) if s.getPath().getName().startswith("part-")]
    if len(parts) != 1:
        fail(f"expected one part file in {staging.toString()}, found {len(parts)}")
    if fs.exists(target):
        fs.delete(target, True)
    if not fs.rename(parts[0], target):
        fail(f"cannot move {parts[0].toString()} to {args.output}")
    fs.delete(staging, True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="transactions: CSV or Parquet, any path Spark reads")
    parser.add_argument("--output", required=True, help="a folder of part files, or one CSV with --single-file")
    parser.add_argument("--single-file", action="store_true", help="write one CSV file (header, date order)")
    parser.add_argument("--format", choices=["auto", "csv", "parquet"], default="auto",
                        help="input format; auto: Parquet when the path ends in .parquet")
    parser.add_argument("--delimiter", help="CSV delimiter (`tab` for a tab); default: detected from the header")
    parser.add_argument("--multiline", action="store_true", help="quoted CSV fields may hold line breaks (slower)")
    parser.add_argument("--date-column")
    parser.add_argument("--amount-column")
    parser.add_argument("--quantity-column")
    parser.add_argument("--price-column")
    parser.add_argument("--order-column")
    parser.add_argument("--month-first", action="store_true", help="read slashed dates as MM/DD/YYYY")
    parser.add_argument("--max-bad-fraction", type=float, default=0.01)
    parser.add_argument("--master", help="Spark master when not run by spark-submit, e.g. local[2]")
    parser.add_argument("--shuffle-partitions", type=int,
                        help="partitions of the (day, order) shuffle; default: Spark's setting, "
                             "or twice the cores with a local[N] master")
    args = parser.parse_args()

    builder = SparkSession.builder.appName("forecast daily features").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    partitions = args.shuffle_partitions
    if partitions is None and args.master and args.master.startswith("local"):
        # Spark's 200 shuffle partitions are meant for clusters; on one machine they are mostly
        # task overhead (the shuffle holds one row per day and order).
        cores = args.master[len("local["):-1] if args.master.startswith("local[") else "1"
        partitions = 2 * (os.cpu_count() if cores == "*" else int(cores))
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    # Days are calendar dates as written; no session time zone may shift them. ANSI mode (the
    # default from Spark 4) fails the job on the first unreadable amount or date; off, they
    # read as NULL, and such rows are skipped and counted like `forecast etl` does.
    spark = (builder.config("spark.sql.session.timeZone", "UTC").config("spark.sql.ansi.enabled", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        write(spark, daily_table(spark, read_transactions(spark, args), args), args)
    finally:
        spark.stop()
    print(f"daily_features: wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()

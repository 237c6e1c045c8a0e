#include "model/period.hpp"
#include <gtest/gtest.h>
TEST(Period, year) { EXPECT_EQ(plantrack::parse_period("2018").days(), 365); }

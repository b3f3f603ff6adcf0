{-# LANGUAGE OverloadedStrings #-}
module Main (main) where

import qualified Data.Map.Strict as Map
import Data.Char (isAlpha, toLower)
import Data.List (sortOn)
import Data.Ord (Down (..))

-- | Word frequencies of a text, most frequent first.
frequencies :: String -> [(String, Int)]
frequencies = sortOn (Down . snd) . Map.toList . foldr bump Map.empty . words . map normalize
  where
    normalize c
      | isAlpha c = toLower c
      | otherwise = ' '
    bump w = Map.insertWith (+) w 1

data Summary = Summary { total :: !Int, distinct :: !Int } deriving (Show, Eq)

summarize :: [(String, Int)] -> Summary
summarize xs = Summary (sum (map snd xs)) (length xs)

main :: IO ()
main = do
  text <- getContents
  let fs = frequencies text
  mapM_ (\(w, n) -> putStrLn (w ++ ": " ++ show n)) (take 10 fs)
  print (summarize fs)
